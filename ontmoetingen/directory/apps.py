from django.apps import AppConfig


class DirectoryConfig(AppConfig):
    name = "ontmoetingen.directory"
    label = "directory"
    verbose_name = "Organisaties"
