"""The public pages cost the same number of queries with 12 news items as with 300.

Each budget is the count measured when it was set: a change that adds a query
to these pages has to say so here, and one that makes the count grow with the
content (a query per card, a list loaded whole) fails outright.
"""

# Each listing that leaves out pages behind a view restriction (`.public()`) reads the
# restrictions once: home 11 → 12 (featured programmes and latest news read them, the
# latest news no longer load the home page's locale), news list 15 → 17 (items and tags).
# The home page also reads the intakes open now, for its call to apply: 12 → 13.
# The site's frame (home page and its children) comes from the cache (content/site_frame.py):
# 13 → 11, 17 → 15, 14 → 12.
HOME_QUERIES = 11
NEWS_LIST_QUERIES = 15
NEWS_ITEM_QUERIES = 12

# Every item carries tags, so cards that show tags would pay for them per item.
TAGS = ["Robotik", "Ledarskap"]


def get(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return response


def assert_same_queries_with_300_items(client, url, news_items, budget, max_queries, num_queries):
    """Render `url` with the 12 items that exist, then with 300: same count, within `budget`."""
    get(client, url)  # fills the per-process caches (site root paths, content types)
    with max_queries(budget) as captured:
        get(client, url)
    # Counted now: Django keeps only the last 9,000 queries, and creating the items takes more.
    with_12 = len(captured)

    news_items(288)
    get(client, url)
    with num_queries(with_12):
        get(client, url)


def test_home_page_queries_do_not_grow_with_news(
    client, news_items, django_assert_max_num_queries, django_assert_num_queries
):
    news_items(12, tags=TAGS)

    assert_same_queries_with_300_items(
        client, "/", news_items, HOME_QUERIES, django_assert_max_num_queries, django_assert_num_queries
    )


def test_news_list_queries_do_not_grow_with_news(
    client, site_tree, news_items, django_assert_max_num_queries, django_assert_num_queries
):
    news_items(12, tags=TAGS)

    assert_same_queries_with_300_items(
        client,
        site_tree.news_index.url,
        news_items,
        NEWS_LIST_QUERIES,
        django_assert_max_num_queries,
        django_assert_num_queries,
    )


def test_news_item_queries_do_not_grow_with_news(
    client, news_items, django_assert_max_num_queries, django_assert_num_queries
):
    item = news_items(12, tags=TAGS)[5]

    assert_same_queries_with_300_items(
        client,
        item.url,
        news_items,
        NEWS_ITEM_QUERIES,
        django_assert_max_num_queries,
        django_assert_num_queries,
    )
