"""The leaflet policy, one sub-pipeline: `load` reads `chinh-sach.yaml`, `local_support` a
province's own support (`ho-tro-dia-phuong.yaml`), `periods` resolves the values in force on a day,
`contributions` computes the amounts from them. The rest of the code imports from here.
"""

from generator.policy.fields import ParamValue, PolicyError, vn_date
from generator.policy.load import INTEGER_UNITS, POLICY_FILE, REQUIRED, UNITS, load_policy
from generator.policy.local_support import (
    GROUP_KEYS,
    LOCAL_SUPPORT_FILE,
    SUPPORT_GROUPS,
    BhytLocalRule,
    LocalRule,
    LocalSupport,
    SupportGroup,
    example_support_errors,
    load_local_support,
    load_local_supports,
)
from generator.policy.periods import Change, Document, InForce, Parameter, Period, Policy, Value

__all__ = [
    "GROUP_KEYS",
    "INTEGER_UNITS",
    "LOCAL_SUPPORT_FILE",
    "POLICY_FILE",
    "REQUIRED",
    "SUPPORT_GROUPS",
    "UNITS",
    "BhytLocalRule",
    "Change",
    "Document",
    "InForce",
    "LocalRule",
    "LocalSupport",
    "ParamValue",
    "Parameter",
    "Period",
    "Policy",
    "PolicyError",
    "SupportGroup",
    "Value",
    "example_support_errors",
    "load_local_support",
    "load_local_supports",
    "load_policy",
    "vn_date",
]
