"""A bank's questions out as a file in any format, and a file's questions in, all or nothing."""

from __future__ import annotations

from flask import Response as HttpResponse
from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from quizapp.extensions import db, end_transaction
from quizapp.services import transfer
from quizapp.web.forms.banks import ImportForm
from quizapp.web.security import role_required
from quizapp.web.views.teacher.common import bank_or_404, bp


@bp.get("/banks/<int:bank_id>/export/<fmt>")
@role_required("teacher")
def export_bank(bank_id: int, fmt: str):
    """Download the bank's accepted questions (all of them for the bank format)."""
    bank, _access = bank_or_404(bank_id)
    try:
        result, filename, mimetype = transfer.export_bank(bank, fmt)
    except ValueError:
        abort(404)
    response = HttpResponse(result.text, mimetype=mimetype)
    response.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@bp.route("/banks/<int:bank_id>/import", methods=["GET", "POST"])
@role_required("teacher")
def import_into_bank(bank_id: int):
    """Upload a file, see what it holds and every error, then confirm: all or nothing."""
    bank, _access = bank_or_404(bank_id, "edit")
    form = ImportForm()
    preview = None
    if form.validate_on_submit():
        try:
            if form.upload.data and form.upload.data.filename:
                token = transfer.stash_upload(form.upload.data)
            else:
                token = form.token.data or ""
            # Parsing a large file takes up to a second, the page of a preview longer:
            # without the write lock, and for good unless the import is confirmed.
            end_transaction(writes_follow=request.form.get("confirm") == "1")
            preview = transfer.preview(token, form.format.data or None)
        except transfer.TransferError as exc:
            form.upload.errors.append(str(exc))
            return render_template("teacher/import.html", form=form, bank=bank, preview=None), 400
        form.token.data = token
        if request.form.get("confirm") == "1":
            try:
                count = transfer.import_stashed(
                    token, bank, current_user, preview, form.skip_invalid.data
                )
            except transfer.TransferError as exc:
                flash(str(exc), "error")
            else:
                db.session.commit()
                flash(_("%(n)d questions importées.", n=count), "success")
                return redirect(url_for("teacher.bank", bank_id=bank.id))
    return render_template("teacher/import.html", form=form, bank=bank, preview=preview)
