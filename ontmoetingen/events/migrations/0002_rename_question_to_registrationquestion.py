import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    """``Question`` becomes ``RegistrationQuestion`` (a rename: the rows stay)."""

    dependencies = [
        ("events", "0001_initial"),
    ]

    operations = [
        migrations.RenameModel(old_name="Question", new_name="RegistrationQuestion"),
        migrations.AlterModelOptions(
            name="registrationquestion",
            options={
                "ordering": ["order", "pk"],
                "verbose_name": "vraag bij aanmelden",
                "verbose_name_plural": "vragen bij aanmelden",
            },
        ),
        migrations.AlterField(
            model_name="registrationquestion",
            name="event",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="registration_questions",
                to="events.event",
            ),
        ),
    ]
