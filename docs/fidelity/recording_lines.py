"""The iteration lines of an hfdash recording, for the scripts beside this file."""
import gzip
import json


def iteration_lines(path):
    """Each `"k":"iter"` object of RECORDING[.gz] in file order; a line cut short ends the file."""
    opener = gzip.open if str(path).endswith(".gz") else open
    with opener(path, "rt") as f:
        next(f)  # header
        for line in f:
            try:
                e = json.loads(line)
            except json.JSONDecodeError:
                return
            if e.get("k") == "iter":
                yield e
