// The sandbox of text files (vm/textfiles.h): names below the working
// directory only, no way out through '..', absolute names or symbolic links.
#include <gtest/gtest.h>
#include <stdlib.h>
#include <unistd.h>

#include <string>

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

// A directory below that is a link to somewhere else is refused when opened.
TEST(TextFiles, SymbolicLinksDoNotLeadOut) {
  char tmpl[] = "/tmp/dvm-textfiles-XXXXXX";
  ASSERT_NE(mkdtemp(tmpl), nullptr);
  std::string dir = tmpl;
  char saved[4096];
  ASSERT_NE(getcwd(saved, sizeof saved), nullptr);
  ASSERT_EQ(chdir(dir.c_str()), 0);
  ASSERT_EQ(symlink("/tmp", "out"), 0);
  TextFiles files;
  Waiter waiter;
  ASSERT_TRUE(waiter.init());
  Output console;
  console.init(1, &waiter);
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
  ASSERT_EQ(chdir(saved), 0);
  std::string cleanup = "rm -rf " + dir;
  EXPECT_EQ(system(cleanup.c_str()), 0);
}

}  // namespace
}  // namespace dvm
