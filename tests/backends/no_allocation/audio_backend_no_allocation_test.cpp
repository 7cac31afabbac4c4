// Real-time safety of the audio backend (issue 6, ARCHITECTURE.md §5): ten seconds of a patch
// using every node type — each oscillator, white noise, the three filters, delay, reverb, adsr,
// mic (reading a live input every other block), expression nodes with per-sample `me` fields,
// several play sinks and the safety stage — and four seconds of patterns (`pat` per sample, `s`
// with a full pool of 256 voices, stealing), rendered with the global allocator counting: no
// allocation and no deallocation while processing. (Locks: the serial executor and the nodes
// take none; see audio_backend.h.)
#include "driver/program.h"
#include "support/counting_allocator.h"

#include <cmath>
#include <filesystem>
#include <fstream>
#include <gtest/gtest.h>
#include <sstream>
#include <unistd.h>

namespace weft::test {
namespace {

constexpr const char* kEveryNode = R"(
gate<v> = if fract(me@time * 2) << 0.5 then 1 else 0
env<v> = adsr(gate@v, 0.01, 0.1, 0.6, 0.2)
src<v> = sine(220) + saw(110) + square(55, 0.3) + tri(330) + 0.1 * white()
tone<v> = lpf(src@v, 800 + 400 * sine(0.5), 2) + hpf(src@v, 2000) + bpf(src@v, 1000, 3)
wet<v> = reverb(delay(tone@v, 0.25, 0.4), 0.8, 0.3, 0.4)
mic_in<l, r> = mic()
play(0.2 * wet@v * env@v + mic_in@l, 0.2 * tone@v * env@v + mic_in@r)
play(0.05 * sin(me@time * 440 * tau) * (me@beat + 1))
)";

/// Renders `seconds` of `program` with engine blocks of 64 and 256 samples while the global
/// allocator counts, feeding `mic` a live input every other block: no allocation, no
/// deallocation, and real sound.
void expect_no_allocations(const char* program, std::size_t seconds) {
  const auto path = std::filesystem::temp_directory_path() /
                    ("weft-no-alloc-" + std::to_string(::getpid()) + ".weft");
  std::ofstream(path) << program;
  for (std::size_t block : {64U, 256U}) {
    driver::ProgramOptions options;
    options.audio.block = block;
    options.needs_sound = true;
    std::ostringstream err;
    int status = 0;
    auto compiled = driver::Program::compile(path.string(), options, err, status);
    ASSERT_TRUE(compiled) << err.str();
    auto& sound = *compiled->sound();
    std::vector<double> left(block), right(block);
    const std::vector<float> input(2 * block, 0.25F); // what a live device gives `mic`
    double energy = 0;
    const AllocationCounts counts = count_allocations([&] {
      for (std::size_t done = 0; done < seconds * 48000; done += block) {
        if (done % (2 * block) == 0) sound.set_input(input.data(), block);
        sound.process(block, left.data(), right.data());
        energy += left[0] * left[0] + right[block / 2] * right[block / 2];
      }
    });
    EXPECT_EQ(counts.allocations, 0U) << "block " << block;
    EXPECT_EQ(counts.deallocations, 0U) << "block " << block;
    EXPECT_GT(energy, 0.0); // it really made sound
    EXPECT_TRUE(std::isfinite(energy));
  }
  std::filesystem::remove(path);
}

TEST(AudioBackendNoAllocation, TenSecondsOfEveryNodeTypeAllocateNothing) {
  expect_no_allocations(kEveryNode, 10);
}

// Patterns on the audio thread (issue 8): `pat` per sample and `s` queried once per block,
// starting and stealing voices — 256 onsets a second of 1.5-second bells keep the pool full.
constexpr const char* kPatterns = R"(
me<cps> = 1
bells<l, r> = s("bell*256", gain: pat("1 0.5 0.25"), pan: pat("0 1"), speed: pat("1 -1 2"))
drums<l, r> = s("bd*4 [sn cp]*2, hh*16?", gain: 0.5)
play(0.01 * bells@l + drums@l, 0.01 * bells@r + drums@r * pat("1 0.5"))
)";

TEST(AudioBackendNoAllocation, PatternsAnd256VoicesAllocateNothing) {
  expect_no_allocations(kPatterns, 4);
}

TEST(AudioBackendNoAllocation, TheCounterSeesAnAllocation) {
  const AllocationCounts counts = count_allocations([] {
    auto* p = new std::vector<int>(100);
    asm volatile("" : : "g"(p) : "memory");
    delete p;
  });
  EXPECT_EQ(counts.allocations, 2U); // the vector and its buffer
  EXPECT_EQ(counts.deallocations, 2U);
}

} // namespace
} // namespace weft::test
