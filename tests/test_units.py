"""Small decisions of the stages, each with the case that motivated it."""

from pipeline.articles import split_authors
from pipeline.extract import join_text, normalize_text
from pipeline.layout import _join_fragments
from pipeline.rules import Rules


def test_lookalike_radicals_and_ligatures_fold_but_punctuation_stays():
    assert normalize_text("⼯业⼈才") == "工业人才"
    assert normalize_text("ﬁrst ﬂow") == "first flow"
    assert normalize_text("，。：") == "，。："


def test_cjk_joins_without_space_latin_with_one():
    assert join_text("人工智能", "产业") == "人工智能产业"
    assert join_text("artificial", "intelligence") == "artificial intelligence"
    assert join_text("AI", "产业") == "AI产业"


def test_hyphenation_removed_only_where_the_word_is_hyphenated():
    vocab = {"high-tech", "development"}
    assert _join_fragments("the develop-", "ment of", vocab) == "the development of"
    assert _join_fragments("a high-", "tech zone", vocab) == "a high-tech zone"
    assert (
        _join_fragments("Sci-", "Tech", vocab) == "Sci- Tech"
        or _join_fragments("Sci-", "Tech", vocab) == "Sci-Tech"
    )


def test_author_names_split_as_printed():
    rules = Rules.load()
    assert split_authors("杨静 周亚婧 陈敏", rules) == ["杨静", "周亚婧", "陈敏"]
    assert split_authors("张超白岑", rules) == ["张超", "白岑"]
    assert split_authors("珂 闻", rules) == ["珂 闻"]
    assert split_authors("本刊编辑部", rules) == ["本刊编辑部"]


def test_profiles_paired_by_romanised_name_not_position():
    from pipeline.items import _pair_by_name
    from pipeline.models import Item

    items = [
        Item(
            1,
            "周志华：人工智能领域的领军学者",
            "Hu Hailan: A Pioneer",
            text_en="Hu Hailan, an academician ...",
        ),
        Item(
            2,
            "胡海岚：神经科学领域的先驱",
            "Zhou Zhihua: A Scholar",
            text_en="Zhou Zhihua, an academician ...",
        ),
    ]
    _pair_by_name(items)
    assert items[0].text_en.startswith("Zhou Zhihua") and items[1].text_en.startswith("Hu Hailan")
