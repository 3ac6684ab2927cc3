import sys, tempfile, collections
from pathlib import Path
sys.path.insert(0, "tests")
from real_lists import write_submissions
from generator.load import load_file
from generator.validate import validate_file
root = Path(tempfile.mkdtemp())
paths = write_submissions(root)
total = pub = 0
codes = collections.Counter()
for slug, p in sorted(paths.items()):
    v = validate_file(load_file(p, root))
    n = len(v.loaded.table.records) if v.loaded.table else 0
    total += n
    pub += len(v.points)
    for f in v.findings:
        codes[(f.severity.value, f.code)] += 1
print(f"published {pub}/{total} = {pub/total:.1%}")
for k, c in codes.most_common(): print(c, k)
