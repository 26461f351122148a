from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "ontmoetingen.accounts"
    label = "accounts"
    verbose_name = "Accounts"
    personal_data = "ontmoetingen.accounts.hooks.personal_data"
    periodic_tasks = ["ontmoetingen.accounts.tasks.erase_deleted_accounts"]
    demo_seed = "ontmoetingen.accounts.demo.seed"
    demo_logins = "ontmoetingen.accounts.demo.demo_logins"
