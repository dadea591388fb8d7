import time
from tests import factories
from tests.factories import PASSWORD
from portal import roles

def test_smoke(site_tree, news_items, client, django_assert_max_num_queries):
    u = factories.verified_user()
    assert u.check_password(PASSWORD)
    assert u.emailaddress_set.get().verified
    e = factories.user_with_role(roles.EDITORS)
    assert e.groups.filter(name="Editors").exists()
    img = factories.ImageFactory()
    t = time.time()
    items = news_items(12, tags=["robotik"])
    print("12 items", time.time() - t)
    assert items[0].tags.count() == 1
    r = client.get("/")
    print(r.status_code, r.content[:300])
    r = client.get(site_tree.news_index.url)
    print(site_tree.news_index.url, r.status_code)
    t = time.time()
    news_items(300)
    print("300 items", time.time() - t)
