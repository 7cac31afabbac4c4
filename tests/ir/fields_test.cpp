// `me` fields and the domains that provide them (LANGUAGE.md §5.3), `mouse` fields (§5.5), the
// environment settings (§4.1) with their `env` messages, and the domain names (§1.4).
#include "ir/domain.h"
#include "ir/fields.h"

#include <gtest/gtest.h>
#include <limits>
#include <string>
#include <vector>

using namespace weft::ir;

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr double kInf = std::numeric_limits<double>::infinity();

/// The `env` message for `me<name> = value`, or "ok".
std::string env_check(std::string_view name, double value) {
  const EnvField* f = find_env_field(name);
  if (!f) return "no field";
  return env_value_error(*f, value).value_or("ok");
}

DomainSet domains_of(std::string_view field) {
  return find_me_field(field)->domains;
}

} // namespace

TEST(FieldDomain, NamesAndSets) {
  EXPECT_EQ(domain_name(Domain::Visual), "visual");
  EXPECT_EQ(domain_name(Domain::Audio), "audio");
  EXPECT_EQ(domain_name(Domain::Control), "control");
  EXPECT_EQ(domain_name(Domain::Data), "data");
  constexpr DomainSet s = {Domain::Audio, Domain::Data};
  static_assert(s.contains(Domain::Audio) && !s.contains(Domain::Visual));
  EXPECT_TRUE(DomainSet{}.empty());
  EXPECT_EQ(DomainSet{}.with(Domain::Audio).with(Domain::Data), s);
  EXPECT_EQ(s.united(DomainSet{Domain::Visual, Domain::Control}), DomainSet::all());
}

TEST(FieldMe, EveryFieldOfSection5) {
  const std::vector<std::string_view> expected = {
      "x",       "y",    "frame",   "absframe",    "sample",     "row", "time",
      "abstime", "beat", "measure", "width",       "height",     "fps", "loop",
      "bpm",     "cps",  "rate",    "timesig_num", "timesig_den"};
  std::vector<std::string_view> names;
  for (const MeField& f : me_fields()) names.push_back(f.name);
  EXPECT_EQ(names, expected);
  for (std::string_view n : expected) EXPECT_NE(find_me_field(n), nullptr) << n;
  EXPECT_EQ(find_me_field("z"), nullptr);
  EXPECT_EQ(find_me_field("down"), nullptr);
  EXPECT_EQ(find_me_field("X"), nullptr);
}

TEST(FieldMe, DomainsFollowTheTableOf5_3) {
  EXPECT_EQ(domains_of("x"), DomainSet{Domain::Visual});
  EXPECT_EQ(domains_of("y"), DomainSet{Domain::Visual});
  EXPECT_EQ(domains_of("frame"), (DomainSet{Domain::Visual, Domain::Control}));
  EXPECT_EQ(domains_of("absframe"), (DomainSet{Domain::Visual, Domain::Control}));
  EXPECT_EQ(domains_of("sample"), DomainSet{Domain::Audio});
  EXPECT_EQ(domains_of("row"), DomainSet{Domain::Data});
  for (std::string_view f : {"time", "abstime", "beat", "measure", "width", "height", "fps", "loop",
                             "bpm", "cps", "rate", "timesig_num", "timesig_den"}) {
    EXPECT_EQ(domains_of(f), DomainSet::all()) << f;
  }
  EXPECT_FALSE(domain_provides(Domain::Audio, "x"));
  EXPECT_TRUE(domain_provides(Domain::Control, "frame"));
  EXPECT_FALSE(domain_provides(Domain::Data, "frame"));
  EXPECT_TRUE(domain_provides(Domain::Data, "row"));
  EXPECT_FALSE(domain_provides(Domain::Visual, "sample"));
  EXPECT_TRUE(domain_provides(Domain::Audio, "bpm"));
  EXPECT_FALSE(domain_provides(Domain::Visual, "z"));
}

TEST(FieldMe, KindsAndEnvironmentConstants) {
  EXPECT_EQ(find_me_field("x")->kind, MeFieldKind::Coordinate);
  EXPECT_EQ(find_me_field("abstime")->kind, MeFieldKind::Coordinate);
  EXPECT_EQ(find_me_field("beat")->kind, MeFieldKind::Beat);
  EXPECT_EQ(find_me_field("measure")->kind, MeFieldKind::Beat);
  // The environment fields of `me` are exactly the settings of §4.1.
  std::vector<std::string_view> constants, settings;
  for (const MeField& f : me_fields()) {
    if (f.kind == MeFieldKind::Environment) constants.push_back(f.name);
  }
  for (const EnvField& f : env_fields()) settings.push_back(f.name);
  EXPECT_EQ(constants, settings);
  for (const MeField& f : me_fields()) EXPECT_FALSE(f.doc.empty()) << f.name;
}

TEST(FieldMe, UnknownFieldMessage) {
  EXPECT_EQ(unknown_field_message("me", "z"), "'me@z' is not a field of me");
  EXPECT_EQ(unknown_field_message("mouse", "z"), "'mouse@z' is not a field of mouse");
}

TEST(FieldMouse, XYDownWithHeadlessValues) {
  ASSERT_EQ(mouse_fields().size(), 3u);
  EXPECT_EQ(find_mouse_field("x")->headless_value, 0.5);
  EXPECT_EQ(find_mouse_field("y")->headless_value, 0.5);
  EXPECT_EQ(find_mouse_field("down")->headless_value, 0);
  EXPECT_EQ(find_mouse_field("time"), nullptr);
  EXPECT_EQ(find_mouse_field("z"), nullptr);
  EXPECT_TRUE(kMouseDomains.contains(Domain::Audio));
  EXPECT_TRUE(kMouseDomains.contains(Domain::Control));
  EXPECT_FALSE(kMouseDomains.contains(Domain::Data));
}

TEST(EnvSettings, TableOf4_1) {
  std::vector<std::string_view> names;
  for (const EnvField& f : env_fields()) names.push_back(f.name);
  EXPECT_EQ(names, (std::vector<std::string_view>{"width", "height", "fps", "loop", "bpm", "cps",
                                                  "rate", "timesig_num", "timesig_den"}));
  EXPECT_EQ(find_env_field("width")->default_value, 800);
  EXPECT_EQ(find_env_field("height")->default_value, 600);
  EXPECT_EQ(find_env_field("fps")->default_value, 60);
  EXPECT_EQ(find_env_field("loop")->default_value, 0);
  EXPECT_EQ(find_env_field("bpm")->default_value, 120);
  EXPECT_FALSE(find_env_field("cps")->default_value); // follows bpm
  EXPECT_EQ(find_env_field("cps")->default_text, "bpm / 240");
  EXPECT_EQ(find_env_field("rate")->default_value, 48000);
  EXPECT_EQ(find_env_field("timesig_num")->default_value, 4);
  EXPECT_EQ(find_env_field("timesig_den")->default_value, 4);
  EXPECT_TRUE(find_env_field("width")->range.integer);
  EXPECT_FALSE(find_env_field("fps")->range.integer);
  EXPECT_FALSE(find_env_field("bpm")->range.integer);
  EXPECT_TRUE(find_env_field("rate")->range.integer);
  EXPECT_EQ(find_env_field("x"), nullptr);
  EXPECT_EQ(find_env_field("time"), nullptr);
  // Every default is itself allowed.
  for (const EnvField& f : env_fields()) {
    if (!f.default_value) continue;
    EXPECT_FALSE(env_value_error(f, *f.default_value)) << f.name;
  }
}

TEST(EnvSettings, OutOfRangeMessagesQuoteValueAndRange) {
  EXPECT_EQ(env_check("width", 0), "me<width> = 0 is out of range (1…16384)");
  EXPECT_EQ(env_check("width", 16385), "me<width> = 16385 is out of range (1…16384)");
  EXPECT_EQ(env_check("width", 16384), "ok");
  EXPECT_EQ(env_check("width", 1), "ok");
  EXPECT_EQ(env_check("height", -600), "me<height> = -600 is out of range (1…16384)");
  EXPECT_EQ(env_check("bpm", 0), "me<bpm> = 0 is out of range (0 < bpm ≤ 1000)");
  EXPECT_EQ(env_check("bpm", 1000.5), "me<bpm> = 1000.5 is out of range (0 < bpm ≤ 1000)");
  EXPECT_EQ(env_check("bpm", 1000), "ok");
  EXPECT_EQ(env_check("bpm", 0.001), "ok");
  EXPECT_EQ(env_check("cps", 0), "me<cps> = 0 is out of range (0 < cps ≤ 100)");
  EXPECT_EQ(env_check("cps", 100), "ok");
  EXPECT_EQ(env_check("cps", 0.5625), "ok");
  EXPECT_EQ(env_check("fps", 0.5), "me<fps> = 0.5 is out of range (1…1000)");
  EXPECT_EQ(env_check("fps", 29.97), "ok");
  EXPECT_EQ(env_check("rate", 7999), "me<rate> = 7999 is out of range (8000…384000)");
  EXPECT_EQ(env_check("rate", 384000), "ok");
  EXPECT_EQ(env_check("loop", 2147483647), "ok");
  EXPECT_EQ(env_check("loop", 2147483648.0),
            "me<loop> = 2147483648 is out of range (0…2147483647)");
  EXPECT_EQ(env_check("loop", -1), "me<loop> = -1 is out of range (0…2147483647)");
  EXPECT_EQ(env_check("timesig_num", 65), "me<timesig_num> = 65 is out of range (1…64)");
  EXPECT_EQ(env_check("timesig_den", 0), "me<timesig_den> = 0 is out of range (1…64)");
  EXPECT_EQ(env_check("fps", kNaN), "me<fps> = nan is out of range (1…1000)");
  EXPECT_EQ(env_check("width", kInf), "me<width> = inf is out of range (1…16384)");
  EXPECT_EQ(env_check("bpm", -kInf), "me<bpm> = -inf is out of range (0 < bpm ≤ 1000)");
}

TEST(EnvSettings, IntegerFieldsRejectFractions) {
  EXPECT_EQ(env_check("width", 640.5), "me<width> = 640.5 is not an integer (1…16384)");
  EXPECT_EQ(env_check("rate", 44100.25), "me<rate> = 44100.25 is not an integer (8000…384000)");
  EXPECT_EQ(env_check("loop", 0.1), "me<loop> = 0.1 is not an integer (0…2147483647)");
  EXPECT_EQ(env_check("width", 640.0), "ok");
  EXPECT_EQ(env_check("fps", 59.94), "ok"); // fps is real
}

TEST(EnvSettings, OtherMessages) {
  EXPECT_EQ(unknown_env_field_message("widht"),
            "unknown environment field 'widht' (did you mean 'width'?)");
  EXPECT_EQ(unknown_env_field_message("tempo"), "unknown environment field 'tempo'");
  EXPECT_EQ(env_set_twice_message("fps"), "me<fps> is set twice");
  EXPECT_EQ(env_bpm_and_cps_message(), "me<bpm> and me<cps> cannot both be set (cps = bpm / 240)");
}
