from django.forms.renderers import BaseRenderer, DjangoTemplates, Jinja2
from django.template import TemplateDoesNotExist
from django.utils.functional import cached_property


class FastFormRenderer(BaseRenderer):
    """Django's own widget templates rendered with Jinja2, everything else with Django templates.

    A select of all 342 municipalities sits on the registration and question forms; Jinja2
    renders it several times faster. Widgets that ship only Django templates (the admin's)
    still work through the fallback.
    """

    @cached_property
    def jinja2(self) -> Jinja2:
        return Jinja2()

    @cached_property
    def django_templates(self) -> DjangoTemplates:
        return DjangoTemplates()

    def get_template(self, template_name):
        try:
            return self.jinja2.get_template(template_name)
        except TemplateDoesNotExist:
            return self.django_templates.get_template(template_name)
