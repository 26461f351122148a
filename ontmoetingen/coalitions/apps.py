from django.apps import AppConfig


class CoalitionsConfig(AppConfig):
    name = "ontmoetingen.coalitions"
    label = "coalitions"
    verbose_name = "Coalities"
