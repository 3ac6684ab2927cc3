"""The side files a province may put beside its lists, each with a written schema, read by one
loader that `validate`, `check-pr` and the build share:

- `ho-tro-dia-phuong.yaml`: the province's own support (`local_support.py`);
- `<YYYY-MM>.yaml`: the recorded confirmation of a large removal in that month's list:
  `xac_nhan_giam_diem_thu: true` and `ly_do` (one line of text, at most 500 characters).

Both are read with `policy_fields.read_yaml` (a regular file ≤ 64 KB, no aliases, tags or deep
nesting) and every value is checked for type, length and range; a problem is a `PolicyError`
whose message names the file and key.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from generator.findings import Finding, yields
from generator.load.layout import display_path
from generator.policy.fields import PolicyError, check_keys, fail, read_text, read_yaml
from generator.policy.local_support import LOCAL_SUPPORT_FILE, load_local_support

REASON_MAX = 500
# A key or value quoted in a message is shown, never replayed to a terminal or a report.
_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff]")
CONFIRMATION_KEYS = frozenset({"xac_nhan_giam_diem_thu", "ly_do"})


@dataclass(frozen=True)
class Confirmation:
    reason: str


def load_confirmation(path: Path) -> Confirmation:
    shown = str(path)
    data = read_yaml(path)
    if not isinstance(data, dict):
        raise PolicyError(f"{shown}: tệp phải là một bảng khóa: giá trị")
    check_keys(data, CONFIRMATION_KEYS, shown, "gốc tệp")
    if data.get("xac_nhan_giam_diem_thu") is not True:
        raise fail(shown, "xac_nhan_giam_diem_thu", "cần ghi đúng true")
    return Confirmation(read_text(data.get("ly_do"), shown, "ly_do", limit=REASON_MAX))


@yields("side-file-invalid")
def check_side_file(path: Path) -> list[Finding]:
    """`validate`'s view of a side file: the same loader as the build, a finding if it fails."""
    try:
        if path.name == LOCAL_SUPPORT_FILE:
            load_local_support(path)
        else:
            load_confirmation(path)
    except PolicyError as exc:
        shown = display_path(path)
        problem = _UNPRINTABLE.sub(lambda m: f"[U+{ord(m.group()):04X}]", str(exc).removeprefix(f"{path}: "))
        return [Finding("side-file-invalid", shown, value=path.name, params={"problem": problem})]
    return []
