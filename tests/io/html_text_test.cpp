#include "io/html_text.hpp"

#include <catch2/catch.hpp>

using namespace rehearse;

TEST_CASE("plain text passes through HTML to text with its white space collapsed") {
  CHECK(html_to_text("Plain  text\nwrapped") == "Plain text wrapped");
  CHECK(html_to_text("  a < b & c  ") == "a < b & c");
  CHECK(html_to_text("") == "");
}

TEST_CASE("line breaks and block elements become lines") {
  CHECK(html_to_text("one<br>two<br/>three") == "one\ntwo\nthree");
  CHECK(html_to_text("<div>first</div><div>second</div>") == "first\nsecond");
  CHECK(html_to_text("a<br><br>b") == "a\n\nb");
  CHECK(html_to_text("a<br><br><br><br>b") == "a\n\nb");
  CHECK(html_to_text("<p>para</p>after<hr>end") == "para\nafter\n---\nend");
}

TEST_CASE("lists become dashes, or numbers inside an ordered list") {
  CHECK(html_to_text("Steps:<ul><li>one</li><li>two</li></ul>") == "Steps:\n- one\n- two");
  CHECK(html_to_text("<ol><li>first</li><li>second</li></ol>") == "1. first\n2. second");
}

TEST_CASE("entities are decoded and a no-break space is a space") {
  CHECK(html_to_text("caf&eacute; &amp; &lt;tag&gt; &#x2713;&nbsp;done") == "café & <tag> ✓ done");
}

TEST_CASE("images are named, scripts and styles dropped, inline tags kept as their text") {
  CHECK(html_to_text("See <img src=\"diagram.png\"> here") == "See [image: diagram.png] here");
  CHECK(html_to_text("<style>b{}</style><b>bold</b> and <i>it</i><script>x()</script>") ==
        "bold and it");
}

TEST_CASE("tables read row by row with cells separated") {
  CHECK(html_to_text("<table><tr><td>a</td><td>b</td></tr><tr><td>c</td><td>d</td></tr></table>") ==
        "a | b\nc | d");
}

TEST_CASE("pre keeps its white space") {
  CHECK(html_to_text("<pre>int  x;\n  y</pre>") == "int  x;\n  y");
}

TEST_CASE("broken HTML still gives its text") {
  CHECK(html_to_text("<b>unclosed <i>tags") == "unclosed tags");
  CHECK(html_to_text("</div>stray</span>") == "stray");
}
