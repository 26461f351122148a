from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin

from ontmoetingen.accounts.models import User


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    ordering = ["email"]
    list_display = ["email", "full_name", "is_active", "is_staff", "date_joined"]
    list_filter = ["is_active", "is_staff", "groups"]
    search_fields = ["email", "full_name"]
    # Roles, (de)activation and invitations go through the back office (/beheer/mensen/),
    # whose services keep coordinatorships and the audit log in step; here they are read-only.
    readonly_fields = ["groups", "is_active", "last_login", "date_joined", "email_verified_at"]
    fieldsets = (
        (None, {"fields": ("email", "full_name", "password")}),
        ("Rollen en rechten", {"fields": ("is_active", "is_staff", "is_superuser", "groups")}),
        ("Data", {"fields": ("last_login", "date_joined", "email_verified_at")}),
    )
    add_fieldsets = (
        (None, {"classes": ("wide",), "fields": ("email", "full_name", "password1", "password2")}),
    )
