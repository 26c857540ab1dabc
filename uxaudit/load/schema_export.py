"""`uxaudit schema`: the scenario language as JSON Schema, for editors (yaml-language-server)."""

from __future__ import annotations

from typing import Any, Union

from pydantic import Field, PositiveInt, create_model

from .schema import ConditionSpec, JourneySpec, SubflowSpec, TaskSpec, step_models
from .verbs import VerbTable

SCHEMA_ID = "https://uxaudit.dev/schema/journey-v1.json"


def journey_json_schema(verbs: VerbTable) -> dict[str, Any]:
    """JSON Schema of a journey file, with each step verb spelled out."""
    # Built at run time from the verb table, so mypy cannot see these as types.
    step: Any = Union[tuple(step_models(verbs).values())]  # noqa: UP007
    task: Any = create_model("Task", __base__=TaskSpec, steps=(list[step], Field(min_length=1)))
    journey = create_model("Journey", __base__=JourneySpec, tasks=(list[task] | None, None),
                           steps=(list[step] | None, None), success=(list[ConditionSpec], []),
                           max_duration_ms=(PositiveInt | None, None))
    schema: dict[str, Any] = journey.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = SCHEMA_ID
    schema["title"] = "uxaudit journey"
    return schema


def subflow_json_schema() -> dict[str, Any]:
    """JSON Schema of a `use:` sub-flow file."""
    return SubflowSpec.model_json_schema()
