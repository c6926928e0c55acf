from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _


class LoginForm(AuthenticationForm):
    error_messages = {
        "invalid_login": _("The user name or password is wrong. Both are case-sensitive."),
        "inactive": _("This account is switched off. Ask the state nodal officer."),
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["username"].label = _("User name")
        self.fields["password"].label = _("Password")
        self.fields["username"].error_messages["required"] = _("Enter your user name.")
        self.fields["password"].error_messages["required"] = _("Enter your password.")
