from django.db import models


class Role(models.TextChoices):
    PROJECT_TEAM = "projectteam", "projectteam"
    COORDINATOR = "coordinator", "coördinator van een coalitie"
    PROFESSIONAL = "professional", "professional"
    PARTNER = "partner", "partner (Pharos, NCJ)"
