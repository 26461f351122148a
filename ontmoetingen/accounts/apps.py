from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "ontmoetingen.accounts"
    label = "accounts"
    verbose_name = "Accounts"
    cache_area = "accounts"  # core.versions: writes to these tables change pages
    # a login writes last_login; only the back office shows it, and that is never cached
    cache_area_quiet_columns = {"User": ("last_login",)}
    processing_register = "ontmoetingen.accounts.processing.REGISTER"
    personal_data = "ontmoetingen.accounts.hooks.personal_data"
    find_personal_data = "ontmoetingen.accounts.hooks.find_personal_data"
    erase_personal_data = "ontmoetingen.accounts.hooks.erase_personal_data"
    periodic_tasks = ["ontmoetingen.accounts.tasks.erase_deleted_accounts"]
    demo_seed = "ontmoetingen.accounts.demo.seed"
    demo_logins = "ontmoetingen.accounts.demo.demo_logins"
