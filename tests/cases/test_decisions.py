"""Reviewer decisions: roles, rationale, attachments, four eyes, optimistic concurrency, tamper evidence."""

from __future__ import annotations

import hashlib
import threading

import pytest
import sqlalchemy as sa
from casekit import ORDER, DecisionFactory, People, Person

from tradewarden.cases import (
    Attachment,
    CaseStatus,
    DecisionAction,
    case_detail,
    decide_case,
    get_case,
    list_queue,
    next_status,
    record_screening,
    verify_cases,
)
from tradewarden.cases.queue import get_attachment
from tradewarden.errors import ConflictError, InputError, PermissionDenied
from tradewarden.security import ScryptParams
from tradewarden.store import Store
from tradewarden.store.audit import audit_log, verify_audit
from tradewarden.store.users import Role, add_user, disable_user, get_user

O, E, P, R, B = (CaseStatus.OPEN, CaseStatus.ESCALATED, CaseStatus.PENDING_SECOND_REVIEW, CaseStatus.RELEASED,
                 CaseStatus.BLOCKED)
REL, ESC, BLK = DecisionAction.RELEASE, DecisionAction.ESCALATE, DecisionAction.BLOCK

TRANSITIONS = [
    # (status, action, four eyes, expected)
    (O, REL, False, R),
    (O, REL, True, P),
    (E, REL, False, R),
    (E, REL, True, P),
    (O, ESC, False, E),
    (O, BLK, False, B),
    (E, BLK, False, B),
    (P, REL, True, R),
    (P, BLK, True, B),
    (P, ESC, True, E),
    (B, REL, True, P),
    (B, ESC, True, E),
]


@pytest.mark.parametrize(("status", "action", "four_eyes", "expected"), TRANSITIONS)
def test_review_state_machine(status: CaseStatus, action: DecisionAction, four_eyes: bool, expected: CaseStatus) -> None:
    assert next_status(status, action, four_eyes=four_eyes, first_releaser="bob", actor="carol") is expected


@pytest.mark.parametrize(("status", "action"), [(R, REL), (R, BLK), (R, ESC), (B, BLK), (E, ESC)])
def test_actions_that_make_no_sense_are_refused(status: CaseStatus, action: DecisionAction) -> None:
    with pytest.raises(InputError) as refused:
        next_status(status, action, four_eyes=True, first_releaser=None, actor="carol")
    assert refused.value.field == "action"


def test_the_first_releaser_cannot_approve_their_own_release() -> None:
    with pytest.raises(PermissionDenied, match="four eyes"):
        next_status(P, REL, four_eyes=True, first_releaser="bob", actor="bob")


def _case(store: Store, decision: DecisionFactory, outcome: str = "review", risk: float = 35.0) -> int:
    case_id = record_screening(store, "order", ORDER, decision(outcome, risk), "alice").case_id
    assert case_id is not None
    return case_id


def test_full_flow_four_eyes_then_audit_verifies_and_tampering_is_named(
    store: Store, decision: DecisionFactory, people: People
) -> None:
    case_id = _case(store, decision, "review", 85.0)  # high risk: four eyes
    first = decide_case(store, case_id, people.bob, "release", "  Different date of birth; not the listed person.  ",
                        four_eyes_min_score=70.0)
    assert (first.from_status, first.to_status) == (O, P)
    assert first.rationale == "Different date of birth; not the listed person."
    assert [c.id for c in list_queue(store, [P])] == [case_id]
    with pytest.raises(PermissionDenied, match="bob made the first release"):
        decide_case(store, case_id, people.bob, "release", "approving my own release", four_eyes_min_score=70.0)
    second = decide_case(store, case_id, people.carol, "release", "Agree: DOB 1985 vs 1962.", four_eyes_min_score=70.0)
    assert (second.from_status, second.to_status) == (P, R)
    detail = case_detail(store, case_id)
    assert detail.case.status is R and detail.case.version == 3
    assert [(d.actor, d.action, d.case_version) for d in detail.decisions] == [("bob", REL, 1), ("carol", REL, 2)]
    decided = [e for e in reversed(audit_log(store, subject=f"case:{case_id}")) if e.action == "case.decide"]
    assert [(e.actor, e.payload["to_status"]) for e in decided] == [("bob", "pending_second_review"), ("carol", "released")]
    assert verify_audit(store).ok
    assert verify_cases(store).ok

    # Tamper with the second decision's rationale directly in the database.
    with store.engine.begin() as conn:
        conn.execute(sa.text("UPDATE case_decision SET rationale = 'edited' WHERE id = :id"), {"id": second.id})
    problems = verify_cases(store).problems
    assert any(p.startswith(f"case_decision {second.id} (case {case_id})") for p in problems), problems
    # And with the audit entry of the first decision: the chain names its seq.
    with store.engine.begin() as conn:
        conn.execute(sa.text("UPDATE audit_entry SET actor = 'mallory' WHERE seq = :seq"), {"seq": decided[0].seq})
    report = verify_audit(store)
    assert not report.ok and report.problems[0].seq == decided[0].seq


def test_a_block_needs_four_eyes_to_release_even_at_low_risk(store: Store, decision: DecisionFactory, people: People) -> None:
    case_id = _case(store, decision, "review", 10.0)
    assert decide_case(store, case_id, people.bob, "block", "Shares an address with an SDN entry.").to_status is B
    assert decide_case(store, case_id, people.bob, "release", "Address was a registered agent.").to_status is P
    assert decide_case(store, case_id, people.dave, "release", "Confirmed with legal.").to_status is R


def test_a_block_outcome_needs_four_eyes(store: Store, decision: DecisionFactory, people: People) -> None:
    case_id = _case(store, decision, "block", 10.0)
    assert decide_case(store, case_id, people.bob, "release", "False positive.").to_status is P


def test_a_low_risk_review_is_released_by_one_reviewer(store: Store, decision: DecisionFactory, people: People) -> None:
    case_id = _case(store, decision, "review", 35.0)
    assert decide_case(store, case_id, people.bob, "escalate", "Ask compliance.").to_status is E
    assert decide_case(store, case_id, people.carol, "release", "Compliance: fine.").to_status is R
    with pytest.raises(InputError, match="closed"):
        decide_case(store, case_id, people.carol, "block", "changed my mind")


def test_analysts_view_but_cannot_decide(store: Store, decision: DecisionFactory, people: People) -> None:
    case_id = _case(store, decision)
    with pytest.raises(PermissionDenied, match="ann \\(analyst\\) may view cases but not decide"):
        decide_case(store, case_id, people.analyst, "release", "looks fine")
    with pytest.raises(PermissionDenied):
        decide_case(store, case_id, Person("eve", ""), "release", "looks fine")
    assert get_case(store, case_id).status is O and get_case(store, case_id).version == 1


@pytest.mark.parametrize("rationale", ["", "   \n"])
def test_a_written_rationale_is_required(store: Store, decision: DecisionFactory, people: People, rationale: str) -> None:
    case_id = _case(store, decision)
    with pytest.raises(InputError) as refused:
        decide_case(store, case_id, people.bob, "release", rationale)
    assert refused.value.field == "rationale"
    with pytest.raises(InputError) as unknown:
        decide_case(store, case_id, people.bob, "approve", "fine")
    assert unknown.value.field == "action"


def test_attachments_are_stored_with_sha256_and_limited_in_size(
    store: Store, decision: DecisionFactory, people: People
) -> None:
    case_id = _case(store, decision)
    statement = Attachment(name="end-user-statement.pdf", content_type="application/pdf", content=b"%PDF-1.7 signed")
    with pytest.raises(InputError) as too_big:
        decide_case(store, case_id, people.bob, "block", "see files",
                    attachments=[statement, Attachment(name="scan.tiff", content=b"x" * 2049)], max_attachment_bytes=2048)
    assert too_big.value.field == "attachments[1]"
    made = decide_case(store, case_id, people.bob, "block", "see file", attachments=[statement], max_attachment_bytes=2048)
    (info,) = made.attachments
    assert info.name == "end-user-statement.pdf" and info.size == len(statement.content)
    assert info.sha256 == hashlib.sha256(statement.content).hexdigest()
    stored, content = get_attachment(store, info.id)
    assert content == statement.content and stored == info
    assert case_detail(store, case_id).decisions[0].attachments == (info,)
    assert verify_cases(store).ok
    with store.engine.begin() as conn:
        conn.execute(sa.text("UPDATE case_attachment SET content = :c WHERE id = :id"), {"c": b"forged", "id": info.id})
    problems = verify_cases(store).problems
    assert f"case_attachment {info.id}: its bytes do not match its sha256" in problems


def test_a_stale_version_is_a_conflict_and_nothing_is_overwritten(
    store: Store, decision: DecisionFactory, people: People
) -> None:
    case_id = _case(store, decision)
    seen = get_case(store, case_id).version
    decide_case(store, case_id, people.bob, "escalate", "needs legal", expected_version=seen)
    with pytest.raises(ConflictError, match="changed since you read it"):
        decide_case(store, case_id, people.carol, "release", "fine", expected_version=seen)
    detail = case_detail(store, case_id)
    assert detail.case.status is E and [d.actor for d in detail.decisions] == ["bob"]


def test_a_case_status_edited_behind_the_store_is_named(store: Store, decision: DecisionFactory, people: People) -> None:
    case_id = _case(store, decision)
    with store.engine.begin() as conn:
        conn.execute(sa.text("UPDATE review_case SET status = 'released' WHERE id = :id"), {"id": case_id})
    assert f"review_case {case_id}: status released but its decisions leave it open" in verify_cases(store).problems


def _race(store: Store, case_id: int, deciders: list[tuple[Person, str]], expected: int | None) -> list[object]:
    barrier = threading.Barrier(len(deciders))
    outcomes: list[object] = [None] * len(deciders)

    def run(slot: int, user: Person, action: str) -> None:
        barrier.wait()
        try:
            outcomes[slot] = decide_case(store, case_id, user, action, f"{user.name} decides", expected_version=expected)
        except Exception as exc:  # recorded and asserted below
            outcomes[slot] = exc

    threads = [threading.Thread(target=run, args=(slot, user, action)) for slot, (user, action) in enumerate(deciders)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    return outcomes


def test_two_reviewers_deciding_at_once_exactly_one_wins(store: Store, decision: DecisionFactory, people: People) -> None:
    case_id = _case(store, decision)
    seen = get_case(store, case_id).version
    outcomes = _race(store, case_id, [(people.bob, "release"), (people.carol, "block")], seen)
    wins = [o for o in outcomes if not isinstance(o, Exception)]
    losses = [o for o in outcomes if isinstance(o, Exception)]
    assert len(wins) == 1 and len(losses) == 1
    assert isinstance(losses[0], ConflictError), losses
    detail = case_detail(store, case_id)
    assert len(detail.decisions) == 1 and detail.case.version == 2
    assert verify_cases(store).ok and verify_audit(store).ok


@pytest.mark.postgres
def test_concurrent_decisions_on_postgres_without_a_seen_version(
    pg_store: Store, decision: DecisionFactory, people: People
) -> None:
    store = pg_store
    for _ in range(5):
        case_id = _case(store, decision)
        outcomes = _race(store, case_id, [(people.bob, "block"), (people.carol, "block")], None)
        wins = [o for o in outcomes if not isinstance(o, Exception)]
        losses = [o for o in outcomes if isinstance(o, Exception)]
        assert len(wins) == 1, outcomes
        # Truly concurrent: a conflict; one after the other: "blocked already". Never two rows.
        assert all(isinstance(o, (ConflictError, InputError)) for o in losses), losses
        assert len(case_detail(store, case_id).decisions) == 1
    assert verify_cases(store).ok and verify_audit(store).ok


def test_store_users_decide_by_their_role(store: Store, decision: DecisionFactory) -> None:
    cheap = ScryptParams(n=2**10)
    reviewer = add_user(store, "rita", Role.REVIEWER, "a long enough password", actor="cli:root", params=cheap)
    analyst = add_user(store, "andy", Role.ANALYST, "a long enough password", actor="cli:root", params=cheap)
    case_id = _case(store, decision)
    with pytest.raises(PermissionDenied):
        decide_case(store, case_id, analyst, "release", "fine")
    made = decide_case(store, case_id, get_user(store, "rita"), "release", "Not the listed person.")
    assert made.actor == reviewer.name and made.role == "reviewer" and made.to_status is R
    disable_user(store, "rita", actor="cli:root")
    with pytest.raises(PermissionDenied, match="disabled"):
        decide_case(store, _case(store, decision), get_user(store, "rita"), "block", "too late")
