"""The shipped structures: every annex and resource of the index, with clean columns."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from odcore.portal.structures import (
    DATATYPES,
    STRUCTURES_DIR,
    Scope,
    StructureError,
    clean_column_name,
    load_catalogue,
)


def _index_rows() -> list[dict[str, str]]:
    with (STRUCTURES_DIR / "index.csv").open(encoding="utf-8", newline="") as stream:
        return list(csv.DictReader(stream))


def test_every_row_of_the_index_is_a_resource_with_its_column_count() -> None:
    catalogue = load_catalogue()
    for row in _index_rows():
        structure = catalogue.require(int(row["annex"]))
        resource = structure.resource(row["resource"])
        assert len(resource.columns) == int(row["columns"]), row
        assert structure.title == row["title"]


def test_annexes_2_to_17_apply_to_every_holder_and_18_to_76_to_councils() -> None:
    catalogue = load_catalogue()
    assert catalogue.require(7).scope is Scope.EVERY_HOLDER
    assert catalogue.require(17).scope is Scope.EVERY_HOLDER
    assert catalogue.require(18).scope is Scope.LOCAL_COUNCIL
    assert catalogue.require(76).scope is Scope.LOCAL_COUNCIL
    every_holder = catalogue.applicable(local_council=False)
    assert {s.annex for s in every_holder} == {a for a in catalogue.annexes if a <= 17}
    assert len(catalogue.applicable()) == len(catalogue.structures) == 69


def test_the_register_structure_is_annex_7_with_its_required_columns() -> None:
    register = load_catalogue().require(7).resource("register")
    assert register.column_names[:3] == ("uid", "title", "description")
    assert "contactPointEmail" in register.column_names
    uid = register.columns[0]
    assert (uid.title, uid.datatype, uid.required) == ("Ідентифікатор", "string", True)
    assert uid.description.startswith("Ідентифікаційний номер набору даних")


def test_column_names_lose_the_whitespace_typed_into_the_shipped_files() -> None:
    # schema.json of annex 41 has " \tidentifier", annex 2 "subOrgOf\u2028Name".
    catalogue = load_catalogue()
    assert "identifier" in catalogue.require(41).resource("vehiclePosition").column_names
    assert "subOrgOfName" in catalogue.require(2).resource("organizations").column_names
    raw = json.loads((STRUCTURES_DIR / "annex-41/vehiclePosition/schema.json")
                     .read_text(encoding="utf-8"))
    assert " \tidentifier" in [c["name"] for c in raw["tableSchema"]["columns"]]
    for structure in catalogue.structures:
        for resource in structure.resources:
            for column in resource.columns:
                assert column.name == clean_column_name(column.name) and column.name
                assert column.datatype in DATATYPES


def test_clean_column_name_removes_inner_and_outer_whitespace() -> None:
    assert clean_column_name(" buildingId\t") == "buildingId"
    assert clean_column_name("contactPoint\u2028Email") == "contactPointEmail"
    assert clean_column_name("a\u200bb") == "ab"


def test_unknown_annex_and_resource_are_ukrainian_errors() -> None:
    catalogue = load_catalogue()
    with pytest.raises(StructureError, match="додаток 8.*Є додатки: 2, 3"):
        catalogue.require(8)
    with pytest.raises(StructureError, match="немає ресурсу «nope»; є: convocations"):
        catalogue.require(29).resource("nope")
    assert catalogue.require(29).resource("VOTINGS").name == "votings"


def test_a_broken_schema_file_is_a_structure_error_naming_it(tmp_path: Path) -> None:
    (tmp_path / "annex-99" / "x").mkdir(parents=True)
    (tmp_path / "index.csv").write_text(
        "annex,title,resource,columns,required_columns,path\n99,Тест,x,1,1,annex-99/x/\n",
        encoding="utf-8")
    (tmp_path / "annex-99" / "x" / "schema.json").write_text("{not json", encoding="utf-8")
    with pytest.raises(StructureError, match="schema.json"):
        load_catalogue(tmp_path)
    (tmp_path / "annex-99" / "x" / "schema.json").write_text(json.dumps(
        {"tableSchema": {"columns": [{"name": "a", "datatype": "float"}]}}), encoding="utf-8")
    with pytest.raises(StructureError, match="невідомі типи: float"):
        load_catalogue(tmp_path)
