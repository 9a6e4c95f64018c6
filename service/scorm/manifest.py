"""The SCORM 1.2 manifest (imsmanifest.xml) of a package of practice cases, and a structural check of a built
package: what an LMS needs to import it."""
import zipfile
from xml.etree import ElementTree as ET

NS_CP = "http://www.imsproject.org/xsd/imscp_rootv1p1p2"
NS_ADLCP = "http://www.adlnet.org/xsd/adlcp_rootv1p2"
NS_XSI = "http://www.w3.org/2001/XMLSchema-instance"
MANIFEST = "imsmanifest.xml"
ORGANIZATION = "ORG-regiewijzer"
SHARED = "RES-shared"


def item_id(case_id):
    """The identifier of a case's item: the case id only, so that a re-exported package updates the same activity
    (Totara and Moodle match items by identifier). Case ids are snake_case, valid as xsd:ID."""
    return f"ITEM-{case_id}"


def resource_id(case_id):
    return f"RES-{case_id}"


def _q(tag, ns=NS_CP):
    return f"{{{ns}}}{tag}"


def manifest_xml(identifier, version, title, scos, shared_files):
    """imsmanifest.xml: one organization, one item and one SCO resource per case (`scos`: (case id, title, launch
    page, files)), and one asset resource holding the files every SCO shares. No adlcp:masteryscore: the LMS may
    set its own, and the SCO then decides passed or failed by it."""
    for prefix, ns in (("", NS_CP), ("adlcp", NS_ADLCP), ("xsi", NS_XSI)):
        ET.register_namespace(prefix, ns)
    root = ET.Element(_q("manifest"), {"identifier": identifier, "version": version,
                                       _q("schemaLocation", NS_XSI): f"{NS_CP} imscp_rootv1p1p2.xsd "
                                                                     f"{NS_ADLCP} adlcp_rootv1p2.xsd"})
    metadata = ET.SubElement(root, _q("metadata"))
    ET.SubElement(metadata, _q("schema")).text = "ADL SCORM"
    ET.SubElement(metadata, _q("schemaversion")).text = "1.2"
    organizations = ET.SubElement(root, _q("organizations"), {"default": ORGANIZATION})
    organization = ET.SubElement(organizations, _q("organization"), {"identifier": ORGANIZATION})
    ET.SubElement(organization, _q("title")).text = title
    resources = ET.SubElement(root, _q("resources"))
    for case_id, case_title, launch, files in scos:
        item = ET.SubElement(organization, _q("item"), {"identifier": item_id(case_id),
                                                        "identifierref": resource_id(case_id), "isvisible": "true"})
        ET.SubElement(item, _q("title")).text = case_title
        resource = ET.SubElement(resources, _q("resource"), {"identifier": resource_id(case_id), "type": "webcontent",
                                                             _q("scormtype", NS_ADLCP): "sco", "href": launch})
        for path in files:
            ET.SubElement(resource, _q("file"), {"href": path})
        ET.SubElement(resource, _q("dependency"), {"identifierref": SHARED})
    shared = ET.SubElement(resources, _q("resource"), {"identifier": SHARED, "type": "webcontent",
                                                       _q("scormtype", NS_ADLCP): "asset"})
    for path in shared_files:
        ET.SubElement(shared, _q("file"), {"href": path})
    ET.indent(root, space="  ")
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def package_problems(path):
    """What is wrong with a built package (an empty list when an LMS can import it): the manifest at the zip root,
    well-formed, SCORM 1.2 metadata, a default organization, every item pointing at a SCO resource whose launch page
    is in the zip, every dependency resolved, every listed file in the zip and every file in the zip listed."""
    with zipfile.ZipFile(path) as archive:
        names = set(archive.namelist())
        if MANIFEST not in names:
            return [f"{MANIFEST} is not at the root of the zip"]
        raw = archive.read(MANIFEST)
    try:
        root = ET.fromstring(raw)
    except ET.ParseError as exc:
        return [f"{MANIFEST} is not well-formed XML: {exc}"]
    ns = {"cp": NS_CP}
    problems = []
    if root.tag != _q("manifest"):
        problems.append(f"the root element is {root.tag}, not the IMS CP manifest")
    if root.findtext("cp:metadata/cp:schema", namespaces=ns) != "ADL SCORM" \
            or root.findtext("cp:metadata/cp:schemaversion", namespaces=ns) != "1.2":
        problems.append("metadata does not say schema 'ADL SCORM', schemaversion '1.2'")
    organizations = root.find("cp:organizations", ns)
    default = organizations.get("default") if organizations is not None else None
    if default not in {o.get("identifier") for o in root.iterfind("cp:organizations/cp:organization", ns)}:
        problems.append(f"organizations/@default {default!r} names no organization")
    resources = {r.get("identifier"): r for r in root.iterfind("cp:resources/cp:resource", ns)}
    listed = set()
    for identifier, resource in resources.items():
        listed.update(f.get("href") for f in resource.iterfind("cp:file", ns))
        for dependency in resource.iterfind("cp:dependency", ns):
            if dependency.get("identifierref") not in resources:
                problems.append(f"resource {identifier} depends on a missing resource "
                                f"{dependency.get('identifierref')}")
    items = list(root.iter(_q("item")))
    if not items:
        problems.append("the organization has no item")
    for item in items:
        resource = resources.get(item.get("identifierref"))
        if resource is None:
            problems.append(f"item {item.get('identifier')} points at a missing resource {item.get('identifierref')}")
        elif resource.get(_q("scormtype", NS_ADLCP)) != "sco":
            problems.append(f"resource {resource.get('identifier')} of item {item.get('identifier')} is not a SCO")
        elif resource.get("href") not in names:
            problems.append(f"launch page {resource.get('href')} of item {item.get('identifier')} is not in the zip")
    problems += [f"{path} is listed in the manifest but not in the zip" for path in sorted(listed - names)]
    problems += [f"{path} is in the zip but listed in no resource" for path in sorted(names - listed - {MANIFEST})
                 if not path.endswith("/")]
    return problems
