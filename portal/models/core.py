"""Users, client organizations and memberships: who may see which tenant."""

from __future__ import annotations

from django.contrib.auth.base_user import AbstractBaseUser, BaseUserManager
from django.contrib.auth.models import PermissionsMixin
from django.db import models
from django.utils import timezone
from django_scopes import ScopedManager


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def _create_user(self, email: str, password: str | None, **extra: object) -> User:
        if not email:
            raise ValueError("An e-mail address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email: str, password: str | None = None, **extra: object) -> User:
        extra.setdefault("is_staff", False)
        extra.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra)

    def create_superuser(self, email: str, password: str | None = None, **extra: object) -> User:
        extra["is_staff"] = True
        extra["is_superuser"] = True
        extra["is_firm_staff"] = True
        return self._create_user(email, password, **extra)


class User(AbstractBaseUser, PermissionsMixin):
    """A person who signs in with an e-mail address.

    ``is_firm_staff`` marks the consulting firm's own people, who may create client
    organizations; ``is_staff`` is Django's admin access. Superusers count as firm staff.
    """

    email = models.EmailField("e-mail address", unique=True)
    full_name = models.CharField(max_length=150, blank=True)
    is_active = models.BooleanField(default=True)
    is_staff = models.BooleanField("admin access", default=False)
    is_firm_staff = models.BooleanField(
        "consulting firm staff",
        default=False,
        help_text="May create client organizations and act as their consultant.",
    )
    date_joined = models.DateTimeField(default=timezone.now)

    objects = UserManager()

    EMAIL_FIELD = "email"
    USERNAME_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    class Meta:
        ordering = ["email"]

    def __str__(self) -> str:
        return self.email

    @property
    def is_consulting_staff(self) -> bool:
        return bool(self.is_active and (self.is_firm_staff or self.is_superuser))

    def get_full_name(self) -> str:
        return self.full_name or self.email

    def get_short_name(self) -> str:
        return self.full_name.split(" ")[0] if self.full_name else self.email


class Sector(models.TextChoices):
    STARTUP = "startup", "Start-up"
    SAAS = "saas", "SaaS / software company"
    FINANCIAL_SERVICES = "financial_services", "Financial services"
    HEALTHCARE = "healthcare", "Healthcare"
    ACADEMIC = "academic", "Academic / research"
    GOVERNMENT = "government", "Government agency"
    DEFENSE = "defense", "Defense contractor"
    CRITICAL_INFRASTRUCTURE = "critical_infrastructure", "Critical infrastructure"
    OTHER = "other", "Other"


class Region(models.TextChoices):
    EU_EEA = "eu_eea", "EU / EEA"
    UK = "uk", "United Kingdom"
    US = "us", "United States"
    CN = "cn", "China (PRC)"
    OTHER = "other", "Other"


class Certification(models.TextChoices):
    SOC2 = "soc2", "SOC 2"
    ISO27001 = "iso27001", "ISO 27001"
    HIPAA = "hipaa", "HIPAA"
    PCI_DSS = "pci_dss", "PCI DSS"
    FEDRAMP = "fedramp", "FedRAMP"


class Organization(models.Model):
    """A client organization: the tenant. Its profile follows the questionnaire."""

    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=80, unique=True)
    sector = models.CharField(max_length=32, choices=Sector.choices, default=Sector.OTHER)
    headcount = models.PositiveIntegerField(null=True, blank=True)
    annual_revenue_usd = models.DecimalField(max_digits=16, decimal_places=2, null=True, blank=True)
    headquarters_region = models.CharField(
        max_length=16, choices=Region.choices, default=Region.OTHER
    )
    regulated_entity = models.BooleanField(default=False)
    certifications_held = models.JSONField(default=list, blank=True)
    national_security_funding = models.BooleanField(default=False)
    negotiated_discounts = models.JSONField(
        default=list,
        blank=True,
        help_text='List of {"vendor": name, "percent": "12.5"}: percent off list price.',
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Role(models.TextChoices):
    CONSULTANT = "consultant", "Consultant"
    CLIENT_ADMIN = "client_admin", "Client admin"
    EDITOR = "editor", "Editor"
    VIEWER = "viewer", "Viewer"


# Higher rank includes everything a lower rank may do.
ROLE_RANK = {Role.VIEWER: 1, Role.EDITOR: 2, Role.CLIENT_ADMIN: 3, Role.CONSULTANT: 4}


class Membership(models.Model):
    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="memberships")
    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(max_length=16, choices=Role.choices)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "organization"], name="one_membership_per_org")
        ]
        ordering = ["organization__name", "user__email"]

    def __str__(self) -> str:
        return f"{self.user} in {self.organization} as {self.role}"

    def has_role(self, minimum: str) -> bool:
        return ROLE_RANK[Role(self.role)] >= ROLE_RANK[Role(minimum)]


class ActivityEvent(models.Model):
    """Something that happened in an organization (the activity log; sign-ins excluded)."""

    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="activity_events"
    )
    actor = models.ForeignKey(User, on_delete=models.SET_NULL, null=True, blank=True)
    actor_label = models.CharField(
        max_length=200, blank=True, help_text="Who acted when there is no account (a respondent)."
    )
    verb = models.CharField(max_length=64)
    summary = models.CharField(max_length=300)
    details = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    objects = ScopedManager(organization="organization")

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.verb}: {self.summary}"
