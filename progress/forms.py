from django import forms

from playbook.models import RoleTrack


class TargetTrackForm(forms.Form):
    role_track = forms.ModelChoiceField(
        queryset=RoleTrack.objects.ordered(),
        to_field_name="key",
        required=False,
        empty_label="No target yet",
        label="Target role track",
        error_messages={"invalid_choice": "Choose a role track from the list."},
    )
