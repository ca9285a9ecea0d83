"""Session 18: verify's search past damage reads little at each gzip header look-alike."""

from __future__ import annotations

import io

from crawler import verify


class CountingFile(io.BytesIO):
    """A file that counts the bytes read from it: what the search costs in reads."""

    read_bytes = 0

    def read(self, size=-1):
        data = super().read(size)
        self.read_bytes += len(data)
        return data


def test_a_stretch_full_of_gzip_header_look_alikes_is_not_read_a_mib_per_header():
    """A damaged stretch may hold a gzip header's three bytes every few bytes; each is tried as a
    record (`_holds_record`).  A MiB read for each made a 16 MiB stretch take minutes: the first
    look is small, and every look-alike here fails in it."""
    stretch = (b"\x1f\x8b\x08" + b"\x00" * 61) * (1024 * 1024 // 64)
    handle = CountingFile(stretch)
    offsets = range(0, len(stretch), 64)
    assert not any(verify._holds_record(handle, offset) for offset in offsets)
    # a few KiB a header (~64 times the stretch here); a MiB a header read ~8,000 times the stretch
    assert handle.read_bytes <= 100 * len(stretch)
