"""Whatever JSON arrives, the advice endpoint answers 200 or a 400 naming the field — never a 500."""
import json

from hypothesis import given, settings
from hypothesis import strategies as st

from regiewijzer.rules.knowledge import load_knowledge

FACT_IDS = list(load_knowledge().facts)
scalars = st.none() | st.booleans() | st.integers(-10**6, 10**6) | st.floats(allow_nan=False) | st.text(max_size=30)
values = st.recursive(scalars, lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
                      max_leaves=8)
situations = st.dictionaries(st.sampled_from(FACT_IDS) | st.text(max_size=20), values, max_size=8)
bodies = st.fixed_dictionaries({}, optional={"situation": situations | values, "lang": st.sampled_from(["nl", "en"]) | values}) | values


@settings(max_examples=400, deadline=None)
@given(body=bodies)
def test_any_json_body_gets_200_or_a_named_400(app, body):
    response = app.test_client().post("/api/v1/advice", data=json.dumps(body), content_type="application/json")
    assert response.status_code in (200, 400), response.json
    if response.status_code == 400:
        assert response.json["field"] is not None and response.json["message"]
