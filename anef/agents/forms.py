"""Agent forms (agent screens are in French; strings are still marked for translation)."""
import datetime as dt

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, DateField, EmailField, PasswordField, RadioField, SelectField, StringField, TextAreaField
from wtforms.validators import Email, InputRequired, Length, Optional, ValidationError

from anef.accounts.forms import NewPasswordMixin
from anef.forms import options
from anef.accounts.models import ADMIN, INSTRUCTEUR, MEDIATEUR, VALIDEUR


class ComplementForm(FlaskForm):
    """A complement request: the items (answers of a step, documents) each with a reason, and a deadline.

    The items are checkboxes named ``item`` (``answer:<step>`` or ``document:<kind>``) with a textarea
    ``reason-<value>`` each; :func:`complement_items` reads them.
    """

    message = TextAreaField(_l("Un mot pour le demandeur (facultatif)"), validators=[Length(max=4000)])
    deadline = DateField(_l("Date limite"), validators=[InputRequired(message=_l("Indiquez une date limite."))])

    def validate_deadline(self, field):
        if field.data and field.data <= dt.date.today():
            raise ValidationError(_l("La date limite doit être dans le futur."))


def complement_items(formdata, choices: dict[str, object]) -> tuple[list, dict[str, str], str | None]:
    """The items ticked in a complement form, the reason errors by item, and a general error.

    ``choices`` maps each possible item value (``answer:<step>``, ``document:<kind>``) to its label.
    """
    from anef.dossiers.corrections import ItemRequest

    items, errors = [], {}
    for value in dict.fromkeys(formdata.getlist("item")):
        if value not in choices:
            continue
        reason = (formdata.get(f"reason-{value}") or "").strip()[:2000]
        if not reason:
            errors[value] = str(_l("Indiquez ce qui doit être corrigé et pourquoi."))
        kind, _sep, target = value.partition(":")
        items.append(ItemRequest(kind, target, reason))
    general = None if items else str(_l("Choisissez au moins une réponse ou un document à corriger."))
    return items, errors, general


class CloseForm(FlaskForm):
    reason = TextAreaField(_l("Motif du classement sans suite"), validators=[
        InputRequired(message=_l("Indiquez le motif.")), Length(max=4000)])


class DecisionForm(FlaskForm):
    decision = RadioField(_l("Décision"), choices=options([("accepte", _l("Accepter")), ("refuse", _l("Refuser"))]),
                          validators=[InputRequired(message=_l("Choisissez une décision."))])
    motivation = TextAreaField(_l("Motivation"), validators=[Length(max=8000)],
                               description=_l("Obligatoire en cas de refus : elle figure dans la décision."))

    def validate_motivation(self, field):
        if self.decision.data == "refuse" and not (field.data or "").strip():
            raise ValidationError(_l("Un refus doit être motivé."))


class ReturnProposalForm(FlaskForm):
    reason = TextAreaField(_l("Motif du renvoi"), validators=[
        InputRequired(message=_l("Indiquez le motif du renvoi.")), Length(max=4000)])


class NewAgentForm(NewPasswordMixin, FlaskForm):
    given_names = StringField(_l("Prénom(s)"), validators=[InputRequired(message=_l("Indiquez le prénom.")), Length(max=200)])
    family_name = StringField(_l("Nom de famille"), validators=[InputRequired(message=_l("Indiquez le nom de famille.")), Length(max=200)])
    email = EmailField(_l("Adresse électronique professionnelle"), validators=[
        InputRequired(message=_l("Indiquez l'adresse électronique.")),
        Email(message=_l("Adresse électronique invalide."), check_deliverability=False)])
    role = SelectField(_l("Rôle"), choices=options([(INSTRUCTEUR, _l("Instructeur")), (VALIDEUR, _l("Valideur")),
                                             (ADMIN, _l("Administrateur local")),
                                                    (MEDIATEUR, _l("Médiateur (accompagne les personnes)"))]))
    password = PasswordField(_l("Mot de passe initial"), validators=[InputRequired(message=_l("Choisissez un mot de passe."))])


class ConformityForm(FlaskForm):
    verdict = RadioField(_l("Ce document est-il conforme ?"),
                         choices=options([("conforme", _l("Document conforme")), ("non_conforme", _l("Document non conforme"))]),
                         validators=[InputRequired(message=_l("Choisissez conforme ou non conforme."))])
    reason = TextAreaField(_l("Motif (si non conforme)"), validators=[Length(max=1000)],
                           description=_l("Repris dans la demande de complément."))

    def validate_reason(self, field):
        if self.verdict.data == "non_conforme" and not (field.data or "").strip():
            raise ValidationError(_l("Indiquez pourquoi le document n'est pas conforme."))


class QueueFilterForm(FlaskForm):
    """The queue's filters, read from the query string (a GET form: no CSRF token)."""

    class Meta:
        csrf = False

    procedure = SelectField(_l("Démarche"), validate_choice=False)
    etat = SelectField(_l("État"), validate_choice=False)
    depose_du = DateField(_l("Déposé à partir du"), validators=[Optional()])
    depose_au = DateField(_l("Déposé jusqu'au"), validators=[Optional()])
    expirant = BooleanField(_l("Droits expirés ou expirant dans les 2 mois"))
    tri = SelectField(_l("Ordre"), choices=options([("echeance", _l("Droits expirant le plus tôt d'abord")),
                                                     ("depot", _l("Dépôt le plus ancien d'abord"))]),
                      validate_choice=False)

    def validate_depose_au(self, field):
        if field.data and self.depose_du.data and field.data < self.depose_du.data:
            raise ValidationError(_l("Cette date doit être le même jour ou après la date « à partir du »."))


class BatchForm(FlaskForm):
    """An action on the dossiers ticked in the queue: take them into instruction, or assign them."""

    action = RadioField(_l("Action sur les dossiers cochés"),
                        choices=options([("prendre", _l("Les prendre en instruction (ils vous sont attribués)")),
                                         ("attribuer", _l("Les attribuer à un agent, sans changer leur état"))]),
                        default="prendre",
                        validators=[InputRequired(message=_l("Choisissez une action."))])
    agent = SelectField(_l("Agent à qui les attribuer"), coerce=lambda value: int(value) if str(value).isdigit() else None,
                        validate_choice=False)

    def validate_agent(self, field):
        if self.action.data == "attribuer" and field.data not in {choice.value for choice in field.choices}:
            raise ValidationError(_l("Choisissez un agent du service."))
