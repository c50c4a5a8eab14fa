// End-to-end: `report` through the real binary, with --now: the page parses as XML, holds the
// figures of stats --json, fetches nothing and escapes what the collection holds.
#include <libxml/parser.h>

#include <catch2/catch.hpp>

#include "io/rapidjson.hpp"
#include "support/file_text.hpp"
#include "support/numbered_collection.hpp"
#include "support/stats_history.hpp"

namespace rehearse::test {
namespace {

// Whether libxml2's XML parser (not its forgiving HTML one) reads `page` without an error.
bool well_formed_xml(const std::string& page) {
  xmlDoc* doc = xmlReadMemory(page.data(), static_cast<int>(page.size()), "report.html", nullptr,
                              XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
  const bool parsed = doc != nullptr && xmlDocGetRootElement(doc) != nullptr;
  xmlFreeDoc(doc);
  return parsed;
}

// The page's row of a two-column table: a label and its figure.
std::string figure_row(const std::string& label, const std::string& figure) {
  return "<tr><th class=\"name\">" + label + "</th><td>" + figure + "</td></tr>";
}

std::string integer(const rapidjson::Value& object, const char* name) {
  return std::to_string(object[name].GetInt64());
}

std::string share(const rapidjson::Value& retention) {
  if (retention["share"].IsNull()) return "-";
  return fmt::format("{:.1f}%", retention["share"].GetDouble() * 100);
}

}  // namespace

TEST_CASE("report writes one page that parses as XML and holds the figures of stats --json") {
  const History h;
  const std::filesystem::path path = h.c.dir / "report.html";
  const CliResult report = h.rehearse({"report", path.string()});
  REQUIRE(report.exit_code == 0);
  CHECK(report.out == path.string() + ": wrote the report of 2026-12-10\n");
  const std::string page = read(path);
  CHECK(well_formed_xml(page));

  const CliResult stats = h.rehearse({"stats", "--json"});
  REQUIRE(stats.exit_code == 0);
  rapidjson::Document json;
  json.Parse(stats.out.c_str());
  REQUIRE(json.IsObject());
  const std::vector<std::pair<std::string, std::string>> figures{
      {"due today (overdue included)", integer(json, "due_today")},
      {"re-asks waiting", integer(json, "reask_today")},
      {"new cards", integer(json, "new_today")},
      {"left today: due", integer(json["left_today"], "due")},
      {"left today: new", integer(json["left_today"], "new")},
      {"left today: re-asks", integer(json["left_today"], "reask")},
      {"reviews today", integer(json, "reviews_today")},
      {"cards reviewed today", integer(json, "cards_reviewed_today")},
      {"due tomorrow", integer(json, "due_tomorrow")},
      {"new", integer(json["cards"], "new")},
      {"learning", integer(json["cards"], "learning")},
      {"lapsed", integer(json["cards"], "lapsed")},
      {"young", integer(json["cards"], "young")},
      {"mature", integer(json["cards"], "mature")},
      {"suspended", integer(json["cards"], "suspended")},
      {"leech", integer(json["cards"], "leech")},
      {"total", integer(json["cards"], "total")},
      {"average ease", fmt::format("{:.2f}", json["average_ease"].GetDouble())},
      {"average interval (days)", fmt::format("{:.1f}", json["average_interval"].GetDouble())},
      {"streak (days in a row)", integer(json["streak"], "current")},
      {"longest streak", integer(json["streak"], "longest")},
      {"answered today", json["streak"]["today"].GetBool() ? "yes" : "no"},
  };
  for (const auto& [label, figure] : figures) {
    INFO(label << " " << figure);
    CHECK(page.find(figure_row(label, figure)) != std::string::npos);
  }
  // The spans' answers; their time as the page words it (stats_test.cpp: 78 s over 7 days).
  for (const rapidjson::Value& span : json["reviews"].GetArray()) {
    const int days = span["days"].GetInt();
    const std::string name = days == 1 ? "today" : fmt::format("last {} days", days);
    INFO(name);
    CHECK(page.find("<tr><td class=\"name\">" + name + "</td><td>" + integer(span, "reviews") +
                    "</td>") != std::string::npos);
  }
  CHECK(page.find("<td class=\"name\">last 7 days</td><td>6</td><td>1 min</td>") !=
        std::string::npos);
  CHECK(page.find("<td class=\"name\">all time</td><td>" + integer(json, "total_reviews") +
                  "</td>") != std::string::npos);
  for (const char* kind : {"young", "mature"}) {
    const rapidjson::Value& r = json["retention"][kind];
    CHECK(page.find(fmt::format("<tr><td class=\"name\">{}</td><td>{}</td><td>{}</td><td>{}</td>",
                                kind, integer(r, "passed"), integer(r, "reviews"), share(r))) !=
          std::string::npos);
  }
  // Each deck's cards by state, after its id and name.
  for (const rapidjson::Value& deck : json["decks"].GetArray()) {
    const rapidjson::Value& c = deck["cards"];
    std::string cells = fmt::format("<td class=\"id\">{}</td><td class=\"name\">{}</td>",
                                    deck["id"].GetString(), deck["name"].GetString());
    for (const char* state :
         {"total", "new", "learning", "lapsed", "young", "mature", "suspended", "leech"})
      cells += "<td>" + integer(c, state) + "</td>";
    INFO(deck["id"].GetString());
    CHECK(page.find(cells) != std::string::npos);
  }
}

// Weeks from Monday: 09-28 (10-01, 10-02: 2 of 2), 10-05 (1 of 1), 10-19 (1 of 1), 12-07
// (12-08 4, 2, 4; 12-09 1, 4; 12-10 3: 4 of 6); 8 of 10 in all (a.2's answer was undone).
TEST_CASE("report shows retention by week, the forecast, the heatmap and the coverage") {
  const History h;
  const CliResult report = h.rehearse({"report", "-"});
  REQUIRE(report.exit_code == 0);
  const std::string& page = report.out;
  CHECK(page.starts_with("<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\""));
  CHECK(well_formed_xml(page));
  CHECK(page.find("80.0% of 10 answers over the last 53 weeks") != std::string::npos);
  CHECK(page.find("<title>week of 2026-12-07: 66.7% (4 of 6)</title>") != std::string::npos);
  CHECK(page.find("<title>week of 2026-09-28: 100.0% (2 of 2)</title>") != std::string::npos);
  CHECK(page.find("<title>week of 2026-10-12") == std::string::npos);
  // forecast --json: a.1 and b.0 due today, b.1 tomorrow.
  CHECK(page.find("<title>2026-12-10: 2 due</title>") != std::string::npos);
  CHECK(page.find("<title>2026-12-11: 1 due</title>") != std::string::npos);
  // heatmap --json: 12-09 has b.0's two answers (the one at 02:00 on 12-10 counts for 12-09).
  CHECK(page.find("<title>2026-12-09: 2 answers</title>") != std::string::npos);
  CHECK(page.find("<title>2026-12-10: 1 answers</title>") != std::string::npos);
  // December begins in the chart's last weeks: its label stands against the right edge.
  CHECK(page.find(">2026-11</text>") != std::string::npos);
  CHECK(page.find("<text x=\"827\" y=\"12\" text-anchor=\"end\">2026-12</text>") !=
        std::string::npos);
  // On 2026-11-01 October's label, four weeks left of November's against the edge, would run
  // into it: it is left out.
  const CliResult earlier = h.c.rehearse("2026-11-01T10:00", {"report", "-"});
  REQUIRE(earlier.exit_code == 0);
  CHECK(earlier.out.find("<text x=\"827\" y=\"12\" text-anchor=\"end\">2026-11</text>") !=
        std::string::npos);
  CHECK(earlier.out.find(">2026-10</text>") == std::string::npos);
  CHECK(earlier.out.find(">2026-09</text>") != std::string::npos);
  // coverage: every card is tagged lp:ownership; 4 of the 5 seen.
  CHECK(page.find("<td class=\"name\">Ownership</td><td class=\"name\">none</td><td>-</td>"
                  "<td>5</td><td>4</td>") != std::string::npos);
  CHECK(page.find("class=\"countdown\"") == std::string::npos);
}

TEST_CASE("report counts down to the interview when a date is set") {
  const History h;
  REQUIRE(h.rehearse({"plan", "--interview", "2027-01-20"}).exit_code == 0);
  const CliResult report = h.rehearse({"report", "-"});
  REQUIRE(report.exit_code == 0);
  CHECK(report.out.find("<p class=\"countdown\">Interview on 2027-01-20: 41 days left; final "
                        "window 2027-01-17 to 2027-01-19.</p>") != std::string::npos);
}

TEST_CASE("report escapes card text, holds no script and fetches nothing") {
  NumberedCollection c({{"a", 1}}, "2026-12-01");
  DeckFile deck = numbered_deck("x", 2);
  deck.deck.name = "Deck 'x' & <y>";
  deck.cards[0].front = "<b>&\"";
  write(c.dir / "x.json", format_deck_file(deck));
  REQUIRE(c.rehearse("2026-12-01", {"import", (c.dir / "x.json").string()}).exit_code == 0);
  // A leech at its first lapse: learned on 12-01, forgotten on 12-02.
  REQUIRE(c.rehearse("2026-12-01", {"config", "leech-threshold", "1"}).exit_code == 0);
  REQUIRE(c.rehearse("2026-12-01T09:00", {"answer", "x.0", "5"}).exit_code == 0);
  REQUIRE(c.rehearse("2026-12-02T09:00", {"answer", "x.0", "1"}).exit_code == 0);
  const CliResult report = c.rehearse("2026-12-02T10:00", {"report", "-"});
  REQUIRE(report.exit_code == 0);
  const std::string& page = report.out;
  CHECK(well_formed_xml(page));
  CHECK(page.find("<td class=\"id\">x.0</td><td class=\"id\">x</td>"
                  "<td class=\"name\">&lt;b&gt;&amp;&quot;</td><td>1</td>") != std::string::npos);
  CHECK(page.find("<b>&\"") == std::string::npos);
  CHECK(page.find("Deck &#39;x&#39; &amp; &lt;y&gt;") != std::string::npos);
  CHECK(page.find("<script") == std::string::npos);
  std::string rest = page;
  for (const std::string ns : {"http://www.w3.org/1999/xhtml", "http://www.w3.org/2000/svg"}) {
    for (std::size_t at = rest.find(ns); at != std::string::npos; at = rest.find(ns))
      rest.erase(at, ns.size());
  }
  CHECK(rest.find("http://") == std::string::npos);
  CHECK(rest.find("https://") == std::string::npos);
  CHECK(rest.find("url(") == std::string::npos);
  CHECK(rest.find("@import") == std::string::npos);
}

TEST_CASE("report refuses a folder and a device, and writes nothing there") {
  const History h;
  const CliResult folder = h.rehearse({"report", h.c.dir.path().string()});
  CHECK(folder.exit_code == 1);
  CHECK(folder.out.empty());
  CHECK(folder.err == "rehearse: cannot write " + h.c.dir.path().string() +
                          ": it is a folder, not a regular file\n");
  const CliResult device = h.rehearse({"report", "/dev/null"});
  CHECK(device.exit_code == 1);
  CHECK(device.err == "rehearse: cannot write /dev/null: it is a device, not a regular file\n");
  CHECK(h.rehearse({"report"}).exit_code != 0);
}

}  // namespace rehearse::test
