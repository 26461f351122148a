from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("directory", "0002_copy_edit_log_to_audit_log"),
    ]

    operations = [migrations.DeleteModel(name="EditLog")]
