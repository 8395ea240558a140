from django import forms
from django.contrib.auth import get_user_model
from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.forms import UserCreationForm


def account_email_field(label: str = "E-mail") -> forms.EmailField:
    """The e-mail address of an account, as sign-up and the e-mail change ask for it."""
    return forms.EmailField(label=label, max_length=254, help_text="For resetting your password; never shown.",
                            widget=forms.EmailInput(attrs={"autocomplete": "email"}))


def account_email_clean(email: str, *, taken: str, user: AbstractBaseUser | None = None) -> str:
    """The address, refused with the message `taken` when another account than `user` has it in any case: a
    password reset finds its account by the address regardless of case, so two accounts must never share one."""
    email = email.strip()
    others = get_user_model().objects.filter(email__iexact=email)
    if user is not None:
        others = others.exclude(pk=user.pk)
    if others.exists():
        raise forms.ValidationError(taken)
    return email


class SignUpForm(UserCreationForm):
    """Username, e-mail (required and unique, so a forgotten password can be reset) and password."""

    email = account_email_field()

    class Meta(UserCreationForm.Meta):
        model = get_user_model()
        fields = ("username", "email")

    def clean_email(self) -> str:
        return account_email_clean(self.cleaned_data["email"], taken="An account with that e-mail address already "
                                   "exists. Log in, or reset its password from the log-in page.")


class PasswordConfirmedForm(forms.Form):
    """A change to the account confirmed with its password; each message ends saying what was not done."""

    password_label = "Your password"
    not_done = ""

    password = forms.CharField(strip=False, widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}))

    def __init__(self, *args, user: AbstractBaseUser, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["password"].label = self.password_label
        self.fields["password"].error_messages["required"] = f"Type your password to confirm. {self.not_done}"

    def clean_password(self) -> str:
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError(f"That is not your password. {self.not_done}")
        return password


class EmailChangeForm(PasswordConfirmedForm):
    """A new e-mail address for the account, confirmed with its password: whoever controls the address can reset
    the password, so a browser left logged in must not be enough to redirect it."""

    password_label = "Your current password"
    not_done = "Your e-mail address was not changed."
    field_order = ["email", "password"]

    email = account_email_field("E-mail address")

    def clean(self):
        """Whether another account has the address is looked up only once the password is right: a browser left
        logged in must not be a way to test which addresses have accounts."""
        cleaned = super().clean()
        if "email" in cleaned and "password" in cleaned:
            try:
                cleaned["email"] = account_email_clean(
                    cleaned["email"], user=self.user,
                    taken=f"Another account already uses that e-mail address. {self.not_done}")
            except forms.ValidationError as error:
                self.add_error("email", error)
        return cleaned


class AccountDeleteForm(PasswordConfirmedForm):
    not_done = "Nothing was deleted."
