import pytest
from auditlog.models import LogEntry
from django.core.exceptions import PermissionDenied

from sajag.campaigns import actions
from sajag.campaigns.models import ActionTakenReport, ReportEvent, Status


def submit(assignment, by, text="Met 12 bank managers and the traders' association.", n=2, version=0):
    return actions.submit_report(
        assignment=assignment, by=by, summary=text, achieved_number=n, expected_version=version
    )


@pytest.mark.django_db
def test_collector_reports_state_verifies(jaipur_joint, people):
    report = submit(jaipur_joint, people["collector"])
    jaipur_joint.refresh_from_db()
    assert jaipur_joint.status == Status.REPORTED
    assert (report.version, report.submitted_by) == (1, people["collector"])
    actions.verify_report(assignment=jaipur_joint, by=people["state"], expected_version=1)
    jaipur_joint.refresh_from_db()
    assert jaipur_joint.status == Status.VERIFIED
    steps = list(
        ReportEvent.objects.filter(assignment=jaipur_joint).values_list(
            "action", "from_status", "to_status", "by__username"
        )
    )
    assert steps == [
        ("submit", "pending", "reported", "t.collector"),
        ("verify", "reported", "verified", "t.state"),
    ]


@pytest.mark.django_db
def test_returned_report_carries_the_remark_and_can_be_reported_again(jaipur_joint, people):
    submit(jaipur_joint, people["sp"])
    actions.return_report(
        assignment=jaipur_joint, by=people["state"], remark="Add the list of banks.", expected_version=1
    )
    jaipur_joint.refresh_from_db()
    report = ActionTakenReport.objects.get(assignment=jaipur_joint)
    assert (jaipur_joint.status, report.remark, report.reviewed_by) == (
        Status.RETURNED,
        "Add the list of banks.",
        people["state"],
    )
    submit(jaipur_joint, people["collector"], text="Banks: SBI, PNB, BoB. Traders: Vyapar Mandal.", version=1)
    jaipur_joint.refresh_from_db()
    report.refresh_from_db()
    assert (jaipur_joint.status, report.version) == (Status.REPORTED, 2)
    assert report.summary.startswith("Banks: SBI")


@pytest.mark.django_db
def test_editing_a_reported_report_keeps_it_reported_and_bumps_the_version(jaipur_hoardings, people):
    submit(jaipur_hoardings, people["dpro"])
    report = submit(jaipur_hoardings, people["dpro"], text="12 hoardings, not 10.", n=12, version=1)
    assert report.version == 2
    assert list(ReportEvent.objects.filter(assignment=jaipur_hoardings).values_list("action", flat=True)) == [
        "submit",
        "edit",
    ]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("setup", "step", "message"),
    [
        ([], "verify", "Nothing has been reported yet"),
        ([], "return", "Nothing has been reported yet"),
        (["submit", "verify"], "submit", "already verified"),
        (["submit", "verify"], "verify", "already verified"),
        (["submit", "verify"], "return", "already verified"),
        (["submit", "return"], "verify", "returned with a remark"),
    ],
)
def test_illegal_transitions_are_refused_with_a_clear_message(jaipur_joint, people, setup, step, message):
    version = 0
    for s in setup:
        if s == "submit":
            version = submit(jaipur_joint, people["collector"], version=version).version
        elif s == "verify":
            actions.verify_report(assignment=jaipur_joint, by=people["state"], expected_version=version)
        else:
            actions.return_report(assignment=jaipur_joint, by=people["state"], remark="r", expected_version=version)
    jaipur_joint.refresh_from_db()
    status_before = jaipur_joint.status
    events_before = ReportEvent.objects.count()
    with pytest.raises(actions.WorkflowError, match=message):
        if step == "submit":
            submit(jaipur_joint, people["collector"], version=version)
        elif step == "verify":
            actions.verify_report(assignment=jaipur_joint, by=people["state"], expected_version=version)
        else:
            actions.return_report(assignment=jaipur_joint, by=people["state"], remark="r", expected_version=version)
    jaipur_joint.refresh_from_db()
    assert jaipur_joint.status == status_before
    assert ReportEvent.objects.count() == events_before


@pytest.mark.django_db
def test_empty_report_text_and_empty_return_remark_are_refused(jaipur_joint, people):
    with pytest.raises(actions.WorkflowError, match="report text is empty"):
        submit(jaipur_joint, people["collector"], text="   ")
    submit(jaipur_joint, people["collector"])
    with pytest.raises(actions.WorkflowError, match="remark is empty"):
        actions.return_report(assignment=jaipur_joint, by=people["state"], remark=" ", expected_version=1)
    jaipur_joint.refresh_from_db()
    assert jaipur_joint.status == Status.REPORTED


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["other_collector", "dpro", "state", "ipr_nodal", "viewer", "field", "no_posting"])
def test_only_the_responsible_officers_can_report_on_the_joint_assignment(jaipur_joint, people, who):
    with pytest.raises(PermissionDenied):
        submit(jaipur_joint, people[who])
    assert not ActionTakenReport.objects.filter(assignment=jaipur_joint).exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("who", "allowed"),
    [
        ("state", True),
        ("ipr_nodal", True),
        ("energy_nodal", False),
        ("collector", False),
        ("dpro", False),
        ("viewer", False),
    ],
)
def test_who_may_review_a_department_assignment(jaipur_hoardings, people, who, allowed):
    submit(jaipur_hoardings, people["dpro"])
    if allowed:
        actions.verify_report(assignment=jaipur_hoardings, by=people[who], expected_version=1)
        jaipur_hoardings.refresh_from_db()
        assert jaipur_hoardings.status == Status.VERIFIED
    else:
        with pytest.raises(PermissionDenied):
            actions.verify_report(assignment=jaipur_hoardings, by=people[who], expected_version=1)


@pytest.mark.django_db
def test_every_step_is_in_the_audit_trail_with_its_actor(jaipur_joint, people):
    submit(jaipur_joint, people["collector"])
    actions.return_report(assignment=jaipur_joint, by=people["state"], remark="Add photos.", expected_version=1)
    report = ActionTakenReport.objects.get(assignment=jaipur_joint)
    entries = LogEntry.objects.get_for_object(report).order_by("timestamp")
    assert [(e.action, e.actor.username) for e in entries] == [
        (LogEntry.Action.CREATE, "t.collector"),
        (LogEntry.Action.UPDATE, "t.state"),
    ]
    assert entries.last().changes_dict["remark"] == ["", "Add photos."]
    status_changes = LogEntry.objects.get_for_object(jaipur_joint).order_by("timestamp")
    assert [e.changes_dict["status"][1] for e in status_changes] == ["reported", "returned"]
