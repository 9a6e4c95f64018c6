"""prometheus_client's multiprocess files with their blocks allocated before they are mapped.

prometheus_client keeps each worker's counts in a file under PROMETHEUS_MULTIPROC_DIR that it grows with
`truncate` (a sparse file) and writes through `mmap`. On a full file system the first write into a page that
has no block yet kills the process with SIGBUS, in every worker, in a loop. Here the blocks are reserved with
`posix_fallocate` whenever the file is created or grown: a full file system then raises OSError (ENOSPC) at that
point, which the metrics code catches (the request goes on uncounted), and a write into the mapping never
faults.
"""
import os

from prometheus_client import mmap_dict, values


class AllocatedMmapedDict(mmap_dict.MmapedDict):
    """prometheus_client's MmapedDict whose file blocks exist before the mapping is written."""

    def __init__(self, filename, read_mode=False):
        if not read_mode:
            fd = os.open(filename, os.O_RDWR | os.O_CREAT, 0o600)
            try:
                size = os.fstat(fd).st_size
                os.posix_fallocate(fd, 0, size or mmap_dict._INITIAL_MMAP_SIZE)
            except OSError:
                if not size:
                    os.unlink(filename)      # an empty file would break every scrape
                raise
            finally:
                os.close(fd)
        super().__init__(filename, read_mode)

    def _init_value(self, key):
        encoded = len(key.encode("utf-8"))
        needed = self._used + 4 + encoded + (8 - (encoded + 4) % 8) + 16     # the entry _init_value appends
        capacity = self._capacity
        while needed > capacity:
            capacity *= 2
        if capacity != self._capacity:
            os.posix_fallocate(self._f.fileno(), 0, capacity)
        super()._init_value(key)


def install():
    """Make prometheus_client's multiprocess values use the allocated files (before any value exists)."""
    values.MmapedDict = AllocatedMmapedDict
