"""SCORM 1.2 export: practice cases as a package a learning platform (Moodle, Totara, Canvas, ...) imports and
scores. `build_package` makes the zip (manifest.py: imsmanifest.xml and the structural check of a built package);
`regiewijzer scorm` is the command (service/cli)."""
from .manifest import package_problems
from .package import build_package

__all__ = ["build_package", "package_problems"]
