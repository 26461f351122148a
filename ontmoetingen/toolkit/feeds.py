from django.conf import settings
from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed

from ontmoetingen.toolkit.selectors import resources_feed


class ResourceFeed(Feed):
    feed_type = Atom1Feed
    title = "Kansrijke Ontmoetingen: nieuw in de toolkit"
    subtitle = "Tools, good practices, handreikingen en webinar-opnames voor de eerste 1000 dagen."

    def link(self):
        return reverse("toolkit:list")

    def items(self):
        return resources_feed()

    def item_title(self, item):
        return f"{item.title} (voorbeeld)" if item.is_demo else item.title

    def item_description(self, item):
        return item.summary

    def item_link(self, item):
        return item.get_absolute_url()

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.updated_at

    def item_categories(self, item):
        return [item.get_kind_display()]

    def item_author_name(self, item):
        return item.source_organisation or "Kansrijke Ontmoetingen"

    def feed_url(self):
        return settings.SITE_URL + reverse("toolkit:feed")
