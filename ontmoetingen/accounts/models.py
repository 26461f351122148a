from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.db import models
from django.utils import timezone
from django.utils.functional import cached_property

from ontmoetingen.accounts.roles import Role


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email: str, password: str | None, **extra):
        if not email:
            raise ValueError("Een e-mailadres is verplicht.")
        email = self.normalize_email(email).lower()
        user = self.model(email=email, **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email: str, password: str | None = None, **extra):
        extra.setdefault("is_staff", False)
        extra.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra)

    def create_superuser(self, email: str, password: str | None = None, **extra):
        extra["is_staff"] = True
        extra["is_superuser"] = True
        return self._create_user(email, password, **extra)

    def get_by_natural_key(self, username):
        return self.get(**{f"{self.model.USERNAME_FIELD}__iexact": username})


class User(AbstractBaseUser, PermissionsMixin):
    """A person with an account; logs in with e-mail. Roles are groups (see ``Role``)."""

    email = models.EmailField("e-mailadres", unique=True)
    full_name = models.CharField("naam", max_length=150)
    is_staff = models.BooleanField("toegang tot Django-beheer", default=False)
    is_active = models.BooleanField("actief", default=True)
    date_joined = models.DateTimeField("aangemaakt op", default=timezone.now)
    # Set when the person proved the address is theirs (sign-up link or accepted invitation).
    # Kept apart from is_active, so a verification link can never undo a deactivation.
    email_verified_at = models.DateTimeField("e-mailadres bevestigd op", null=True, blank=True)
    # The person asked to delete the account; it is erased ACCOUNT_DELETION_GRACE_DAYS later
    # unless they cancel (accounts.services.account_deletion_*).
    deletion_requested_at = models.DateTimeField(
        "verwijdering aangevraagd op", null=True, blank=True
    )
    # Erased: the row stays as a pseudonym so the audit log keeps reading "who", without a name.
    erased_at = models.DateTimeField("gewist op", null=True, blank=True)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["full_name"]

    class Meta:
        verbose_name = "gebruiker"
        verbose_name_plural = "gebruikers"
        ordering = ["full_name", "email"]

    def __str__(self) -> str:
        return self.full_name or self.email

    def get_full_name(self) -> str:
        return self.full_name

    def get_short_name(self) -> str:
        return self.full_name.split(" ")[0] if self.full_name else self.email

    def save(self, *args, **kwargs):
        self.email = self.email.lower()
        super().save(*args, **kwargs)

    @cached_property
    def role_names(self) -> frozenset[str]:
        return frozenset(self.groups.values_list("name", flat=True))

    @property
    def role_labels(self) -> list[str]:
        """The roles in words ("coördinator van een coalitie"), for pages."""
        labels = dict(Role.choices)
        return [labels.get(name, name) for name in sorted(self.role_names)]

    @property
    def deletion_due_on(self):
        """The day the account will be erased, while a deletion is pending."""
        from datetime import timedelta

        from django.conf import settings

        if self.deletion_requested_at is None:
            return None
        days = settings.ACCOUNT_DELETION_GRACE_DAYS
        return timezone.localdate(self.deletion_requested_at + timedelta(days=days))

    def has_role(self, role: Role | str) -> bool:
        return str(role) in self.role_names

    @property
    def is_project_team(self) -> bool:
        return self.is_active and (self.is_superuser or self.has_role(Role.PROJECT_TEAM))
