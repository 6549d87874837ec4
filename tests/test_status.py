"""Honest status: only what is known as of the build date."""
from pipeline.model.deadlines import Deadline
from pipeline.model.status import issue_status, summarise


def deadline(kind, date=None):
    return Deadline("", date, kind, (date,) if date else ())


def test_past_dated_deadline_without_update_is_overdue():
    status = issue_status(deadline("date", "2020-10-31"), "2026-11-22")
    assert status.progress_label == "未报送进展"
    assert status.category == "overdue" and status.overdue
    assert status.deadline_note == f"已过整改时限 {2213} 天"


def test_future_deadline_counts_days_left():
    status = issue_status(deadline("date", "2026-12-01"), "2026-11-22")
    assert status.category == "pending" and status.days_left == 9
    assert issue_status(deadline("date", "2026-11-22"), "2026-11-22").deadline_note == "今天到期"


def test_open_ended_deadlines_show_long_term():
    status = issue_status(deadline("ongoing"), "2026-11-22")
    assert status.category == "ongoing" and status.deadline_note == "长期坚持" and not status.overdue


def test_done_claims_and_unknown_deadlines_are_labelled_as_such():
    assert issue_status(deadline("done"), "2026-11-22").deadline_note == "原文称已经完成"
    assert issue_status(deadline("unknown"), "2026-11-22").category == "unknown"


def test_the_as_of_date_decides_not_the_clock():
    before = issue_status(deadline("date", "2020-10-31"), "2020-10-01")
    after = issue_status(deadline("date", "2020-10-31"), "2020-11-01")
    assert before.category == "pending" and after.category == "overdue"


def test_summary_has_every_category_in_order():
    summary = summarise([issue_status(deadline("ongoing"), "2026-11-22")] * 3)
    assert [row["key"] for row in summary] == ["closed", "publicity", "awaiting", "overdue_reported", "reported",
                                               "overdue", "pending", "ongoing", "claimed_done", "unknown"]
    assert summary[7]["count"] == 3 and summary[7]["percent"] == 100.0


def test_an_item_with_progress_but_no_dated_deadline_keeps_its_deadline_note():
    """Reported progress does not change what the deadline says: 长期坚持 stays 长期坚持."""
    from pipeline.model.progress import Update
    update = Update("u", "content/updates/u.md", 4, ("x",), "2026-11-01", "in_progress", None, "测试（虚构）", "<p>测试</p>")
    notes = {kind: issue_status(deadline(kind), "2026-11-22", [update]).deadline_note
             for kind in ("ongoing", "done", "unknown")}
    assert notes == {"ongoing": "长期坚持", "done": "原文称已经完成", "unknown": "整改时限不明"}
    assert issue_status(deadline("ongoing"), "2026-11-22", [update]).category == "reported"
