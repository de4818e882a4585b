// The sandbox of text files (vm/textfiles.h): names below the working
// directory only, no way out through '..', absolute names or symbolic links.
#include <errno.h>
#include <gtest/gtest.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include <string>
#include <vector>

#include "vm/textfiles.h"

namespace dvm {
namespace {

TEST(TextFiles, NamesMustStayBelowTheWorkingDirectory) {
  EXPECT_TRUE(text_file_name_allowed("data.txt"));
  EXPECT_TRUE(text_file_name_allowed("sub/dir/data.txt"));
  EXPECT_TRUE(text_file_name_allowed("..data"));
  EXPECT_FALSE(text_file_name_allowed(""));
  EXPECT_FALSE(text_file_name_allowed("/etc/passwd"));
  EXPECT_FALSE(text_file_name_allowed(".."));
  EXPECT_FALSE(text_file_name_allowed("../x"));
  EXPECT_FALSE(text_file_name_allowed("a/../../x"));
  EXPECT_FALSE(text_file_name_allowed(std::string("a\0b", 3)));
}

// A fresh working directory holding `out`, a link to /tmp (the way out a
// program must not find), entered before each test and removed after it.
class SandboxDir : public ::testing::Test {
 protected:
  void SetUp() override {
    char tmpl[] = "/tmp/dvm-textfiles-XXXXXX";
    ASSERT_NE(mkdtemp(tmpl), nullptr);
    dir_ = tmpl;
    ASSERT_NE(getcwd(saved_, sizeof saved_), nullptr);
    ASSERT_EQ(chdir(dir_.c_str()), 0);
    ASSERT_EQ(symlink("/tmp", "out"), 0);
    ASSERT_TRUE(waiter.init());
    console.init(1, &waiter);
  }
  void TearDown() override {
    ASSERT_EQ(chdir(saved_), 0);
    std::string cleanup = "rm -rf " + dir_;
    EXPECT_EQ(system(cleanup.c_str()), 0);
  }
  Waiter waiter;  // (declared first: the files' buffers use it until they close)
  Output console;
  TextFiles files;

 private:
  std::string dir_;
  char saved_[4096];
};

// A directory below that is a link to somewhere else is refused when opened.
TEST_F(SandboxDir, SymbolicLinksDoNotLeadOut) {
  RtError err = RtError::COUNT_;
  int64_t h = files.assign(0, "out/escaped.txt");
  EXPECT_FALSE(files.open(h, TextFiles::Mode::Write, &waiter, &console, &err));
  EXPECT_EQ(err, RtError::FileAccess);
  EXPECT_NE(access("/tmp/escaped.txt", F_OK), 0) << "nothing is created outside";
  h = files.assign(h, "inside.txt");
  EXPECT_TRUE(files.open(h, TextFiles::Mode::Write, &waiter, &console, &err));
  EXPECT_TRUE(files.close(h, &err));
  EXPECT_FALSE(files.close(h, &err)) << "closing twice";
  EXPECT_EQ(err, RtError::FileNotOpen);
}

// C's streams: fopen's refusals carry the errno a C program sees, handles
// are reused once closed, and fseek/ftell account for buffered data.
TEST_F(SandboxDir, CStreamsOpenInsideTheSandboxOnly) {
  int error = 0;
  using Mode = TextFiles::Mode;
  EXPECT_EQ(files.open_stream("/etc/hostname", Mode::Read, &waiter, &console, &error), 0);
  EXPECT_EQ(error, EACCES);
  EXPECT_EQ(files.open_stream("../x", Mode::Write, &waiter, &console, &error), 0);
  EXPECT_EQ(error, EACCES);
  EXPECT_EQ(files.open_stream("out/escaped.txt", Mode::Write, &waiter, &console, &error), 0);
  EXPECT_EQ(error, EACCES);
  EXPECT_NE(access("/tmp/escaped.txt", F_OK), 0) << "nothing is created outside";
  EXPECT_EQ(files.open_stream("missing.txt", Mode::Read, &waiter, &console, &error), 0);
  EXPECT_EQ(error, ENOENT);

  int64_t w = files.open_stream("data.txt", Mode::Write, &waiter, &console, &error);
  ASSERT_GT(w, 0);
  EXPECT_EQ(files.input(w), nullptr) << "opened for writing only";
  ASSERT_NE(files.output(w), nullptr);
  EXPECT_TRUE(files.output(w)->write("hello, world\n", 13));
  EXPECT_EQ(files.tell(w), 13) << "unflushed bytes count";
  EXPECT_TRUE(files.close_stream(w));
  EXPECT_FALSE(files.close_stream(w)) << "closing twice";
  EXPECT_EQ(files.output(w), nullptr);

  int64_t r = files.open_stream("data.txt", Mode::Read, &waiter, &console, &error);
  EXPECT_EQ(r, w) << "a closed stream's handle is reused";
  Input* in = files.input(r);
  ASSERT_NE(in, nullptr);
  EXPECT_EQ(in->get(), 'h');
  EXPECT_EQ(files.tell(r), 1) << "read-ahead does not count";
  EXPECT_EQ(files.seek(r, 7, SEEK_SET), 0);
  EXPECT_EQ(in->get(), 'w');
  EXPECT_EQ(files.seek(r, -2, SEEK_END), 0);
  EXPECT_EQ(in->get(), 'd');
  EXPECT_EQ(in->get(), '\n');
  EXPECT_EQ(in->get(), -1);
  EXPECT_TRUE(in->at_eof());
  EXPECT_EQ(files.seek(r, 0, SEEK_SET), 0);
  EXPECT_FALSE(in->at_eof()) << "fseek clears the end of file";
  EXPECT_EQ(files.seek(r, -1, SEEK_SET), -1);
  EXPECT_TRUE(files.close_stream(r));
  EXPECT_EQ(files.seek(r, 0, SEEK_SET), -1) << "not an open file";

  // Handles run out (with the process's descriptors, or at kMaxStreams, which
  // keeps FILE * values inside the first page) as EMFILE.
  std::vector<int64_t> open;
  int64_t h;
  while ((h = files.open_stream("data.txt", Mode::Read, &waiter, &console, &error)) != 0) open.push_back(h);
  EXPECT_EQ(error, EMFILE);
  EXPECT_LE(open.size(), TextFiles::kMaxStreams);
  for (int64_t k : open) EXPECT_TRUE(files.close_stream(k));

  EXPECT_EQ(sandbox_check("data.txt"), 0);
  EXPECT_EQ(sandbox_check("out/data.txt"), EACCES);
  EXPECT_EQ(sandbox_check("/tmp/data.txt"), EACCES);
}

}  // namespace
}  // namespace dvm
