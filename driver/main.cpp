// The dvm command: compile, run, update, status, dis.  Printing and exit codes live here;
// the front ends and the VM return errors as values.
#include <fcntl.h>
#include <pthread.h>
#include <sys/stat.h>
#include <unistd.h>

#include <boost/program_options.hpp>
#include <cerrno>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <functional>
#include <iostream>
#include <mutex>
#include <sstream>
#include <thread>

#include "driver/node.h"
#include "driver/signals.h"
#include "frontend/c.h"
#include "frontend/pascal.h"
#include "vm/control.h"
#include "vm/control_client.h"
#include "jit/jit.h"
#include "vm/disasm.h"
#include "vm/image.h"
#include "vm/update.h"
#include "vm/vm.h"

namespace po = boost::program_options;

namespace {

constexpr const char* kVersion = "dvm 0.1.0";
constexpr int kExitOk = 0, kExitFail = 1, kExitUsage = 2;

bool ends_with(const std::string& s, const std::string& suffix) {
  return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

bool read_file(const std::string& path, std::string* out, std::string* error) {
  struct stat st;
  if (stat(path.c_str(), &st) == 0 && S_ISDIR(st.st_mode)) {
    *error = "'" + path + "' is a directory";
    return false;
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    *error = "cannot open '" + path + "'";
    return false;
  }
  std::ostringstream ss;
  ss << in.rdbuf();
  *out = ss.str();
  return true;
}

// Front ends recurse over the parse tree; a big stack keeps pathological but
// legal inputs (deep nesting up to the limit) far from the host's limit.
void run_with_big_stack(const std::function<void()>& fn) {
  pthread_attr_t attr;
  pthread_attr_init(&attr);
  pthread_attr_setstacksize(&attr, 1ull << 30);
  pthread_t thread;
  auto* task = new std::function<void()>(fn);
  auto trampoline = [](void* p) -> void* {
    auto* f = static_cast<std::function<void()>*>(p);
    (*f)();
    return nullptr;
  };
  if (pthread_create(&thread, &attr, trampoline, task) != 0) {
    fn();  // no thread available: run here
  } else {
    pthread_join(thread, nullptr);
  }
  delete task;
  pthread_attr_destroy(&attr);
}

bool stderr_is_tty() { return isatty(2) != 0; }

// Compiles a source file; diagnostics go to stderr.  Warnings only when asked:
// `dvm run` writes nothing of its own to the program's stderr unless the
// program cannot run.
bool compile_source(const std::string& path, dvm::Image* img, bool warnings = true,
                    const dvm::CompileOptions& options = {}) {
  std::string text, error;
  if (!read_file(path, &text, &error)) {
    std::cerr << "dvm: error: " << error << '\n';
    return false;
  }
  dvm::SourceFile src(path, text);
  dvm::Diagnostics diags;
  bool ok = false;
  bool is_c = ends_with(path, ".c");
  run_with_big_stack([&] {
    ok = is_c ? dvm::compile_c(src, img, &diags, options) : dvm::compile_pascal(src, img, &diags, options);
  });
  if (!ok || warnings) diags.print(std::cerr, src, stderr_is_tty());
  if (!ok && diags.error_count() == 0) std::cerr << path << ": error: compilation failed\n";
  return ok;
}

// Reads and verifies an image file.
bool load_image(const std::string& path, dvm::Image* img) {
  std::string bytes, error;
  if (!read_file(path, &bytes, &error)) {
    std::cerr << "dvm: error: " << error << '\n';
    return false;
  }
  std::vector<uint8_t> data(bytes.begin(), bytes.end());
  if (!dvm::read_image(data, img, &error)) {
    std::cerr << path << ": error: " << error << '\n';
    return false;
  }
  std::string problem = dvm::verify_image(*img);
  if (!problem.empty()) {
    std::cerr << path << ": error: " << problem << '\n';
    return false;
  }
  return true;
}

bool is_source(const std::string& path) { return ends_with(path, ".pas") || ends_with(path, ".c"); }

bool load_program(const std::string& path, dvm::Image* img, bool warnings = true,
                  const dvm::CompileOptions& options = {}) {
  if (is_source(path)) {
    if (!compile_source(path, img, warnings, options)) return false;
    std::string problem = dvm::verify_image(*img);
    if (!problem.empty()) {
      std::cerr << path << ": internal error: the compiler produced an invalid image: " << problem << '\n';
      return false;
    }
    return true;
  }
  return load_image(path, img);
}

// An option's default from the environment (DVM_JIT lets a whole test suite
// run under one JIT mode).
std::string env_or(const char* name, const std::string& fallback) {
  const char* v = std::getenv(name);
  return v && *v ? v : fallback;
}

bool parse_size(const std::string& text, uint64_t* out) {
  if (text.empty()) return false;
  size_t i = 0;
  uint64_t v = 0;
  while (i < text.size() && std::isdigit(static_cast<unsigned char>(text[i]))) {
    if (v > (UINT64_MAX - 9) / 10) return false;
    v = v * 10 + static_cast<uint64_t>(text[i++] - '0');
  }
  if (i == 0) return false;
  std::string unit = text.substr(i);
  for (char& c : unit) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  uint64_t mult = 1;
  if (unit == "" || unit == "B") mult = 1;
  else if (unit == "K" || unit == "KB" || unit == "KIB") mult = 1ull << 10;
  else if (unit == "M" || unit == "MB" || unit == "MIB") mult = 1ull << 20;
  else if (unit == "G" || unit == "GB" || unit == "GIB") mult = 1ull << 30;
  else if (unit == "T" || unit == "TB" || unit == "TIB") mult = 1ull << 40;
  else return false;
  if (v > UINT64_MAX / mult) return false;
  *out = v * mult;
  return true;
}

[[noreturn]] void usage_error(const std::string& cmd, const std::string& msg) {
  std::cerr << "dvm" << (cmd.empty() ? "" : " " + cmd) << ": " << msg << "\n"
            << "Try 'dvm" << (cmd.empty() ? "" : " " + cmd) << " --help'.\n";
  std::exit(kExitUsage);
}

// --stack and --memory of `dvm run`: a size the VM can work with, else bad
// usage.  Below one 64 KiB step nothing useful runs (and the heap would have
// no room for its first block); above 16 TiB the host cannot map it.
uint64_t size_option(const std::string& name, const std::string& text) {
  constexpr uint64_t kMinSize = 64ull << 10, kMaxSize = 16ull << 40;
  uint64_t bytes = 0;
  if (!parse_size(text, &bytes)) usage_error("run", "bad --" + name + " size '" + text + "'");
  if (bytes < kMinSize || bytes > kMaxSize)
    usage_error("run", "--" + name + " must be between 64K and 16T, not '" + text + "'");
  return bytes;
}

// Parses a subcommand's options; --help prints them and exits 0.
po::variables_map parse(const std::string& cmd, const std::string& synopsis, po::options_description& opts,
                        po::positional_options_description& pos, const std::vector<std::string>& args) {
  opts.add_options()("help,h", "show this help");
  po::variables_map vm;
  try {
    po::store(po::command_line_parser(args).options(opts).positional(pos).run(), vm);
    po::notify(vm);
  } catch (const po::error& e) {
    usage_error(cmd, e.what());
  }
  if (vm.count("help")) {
    std::cout << "Usage: " << synopsis << "\n\n" << opts;
    std::exit(kExitOk);
  }
  return vm;
}

// The teaching view of machine code: bytecode with the x86-64 beneath.
int print_jit_listing(const dvm::Image& img, const std::string& only) {
  std::string out, error;
  if (!dvm::jit::listing(img, only, &out, &error)) {
    std::cerr << "dvm: error: " << error << '\n';
    return kExitFail;
  }
  std::cout << out;
  return kExitOk;
}

int cmd_compile(const std::vector<std::string>& args) {
  po::options_description opts("Options");
  opts.add_options()
      ("file", po::value<std::string>(), "source file (.pas or .c)")
      ("output,o", po::value<std::string>(), "image to write (default: FILE.dbc beside the source)")
      ("emit", po::value<std::string>(), "print a stage instead: tokens, ast, ast-dot, bytecode, jit")
      ("check-memory", "lay frames out for dvm run --check-memory: a guard after every local, so overruns of "
                       "local arrays are caught (the program's results are the same)");
  po::positional_options_description pos;
  pos.add("file", 1);
  auto vm = parse("compile", "dvm compile FILE.pas|FILE.c [-o OUT.dbc] [--emit=tokens|ast|ast-dot|bytecode|jit] [--check-memory]",
                  opts, pos, args);
  dvm::CompileOptions compile_options;
  compile_options.check_memory = vm.count("check-memory") > 0;
  if (!vm.count("file")) usage_error("compile", "no input file");
  std::string file = vm["file"].as<std::string>();
  if (!is_source(file)) usage_error("compile", "'" + file + "' is not a source file (.pas or .c)");

  if (vm.count("emit")) {
    std::string what = vm["emit"].as<std::string>();
    if (what == "bytecode" || what == "jit") {
      dvm::Image img;
      if (!compile_source(file, &img, true, compile_options)) return kExitFail;
      if (what == "jit") return print_jit_listing(img, "");
      std::cout << dvm::disassemble(img);
      return kExitOk;
    }
    if (what != "tokens" && what != "ast" && what != "ast-dot")
      usage_error("compile", "unknown --emit value '" + what + "' (tokens, ast, ast-dot, bytecode, jit)");
    std::string text, error;
    if (!read_file(file, &text, &error)) {
      std::cerr << "dvm: error: " << error << '\n';
      return kExitFail;
    }
    dvm::SourceFile src(file, text);
    dvm::Diagnostics diags;
    bool ok = false;
    std::ostringstream out;
    run_with_big_stack([&] {
      if (ends_with(file, ".c"))
        ok = what == "tokens" ? dvm::emit_c_tokens(src, out, &diags) : dvm::emit_c_ast(src, out, what == "ast-dot", &diags);
      else
        ok = what == "tokens" ? dvm::emit_pascal_tokens(src, out, &diags)
                              : dvm::emit_pascal_ast(src, out, what == "ast-dot", &diags);
    });
    diags.print(std::cerr, src, stderr_is_tty());
    std::cout << out.str();
    return ok ? kExitOk : kExitFail;
  }

  dvm::Image img;
  if (!compile_source(file, &img, true, compile_options)) return kExitFail;
  std::string out = vm.count("output") ? vm["output"].as<std::string>()
                                       : file.substr(0, file.rfind('.')) + ".dbc";
  struct stat in_st, out_st;
  if (stat(file.c_str(), &in_st) == 0 && stat(out.c_str(), &out_st) == 0 && in_st.st_dev == out_st.st_dev &&
      in_st.st_ino == out_st.st_ino) {
    std::cerr << "dvm: error: the image would overwrite its source '" << file << "'\n";
    return kExitFail;
  }
  std::vector<uint8_t> bytes = dvm::write_image(img);
  std::ofstream f(out, std::ios::binary | std::ios::trunc);
  f.write(reinterpret_cast<const char*>(bytes.data()), static_cast<std::streamsize>(bytes.size()));
  if (!f) {
    std::cerr << "dvm: error: cannot write '" << out << "'\n";
    return kExitFail;
  }
  return kExitOk;
}

// The trace, innermost first.  Runs of identical entries (deep recursion)
// print once with a count; the VM's gap entry (version 0) says how many frames
// it left out.
void print_runtime_error(const dvm::Image& img, const dvm::RunResult& r) {
  std::cerr << (r.source.empty() ? img.source_path : r.source);
  if (r.line) std::cerr << ':' << r.line << ':' << r.col;  // (none: at the program's end)
  std::cerr << ": runtime error: " << r.message << (r.detail.empty() ? "" : " (" + r.detail + ")") << '\n';
  const auto& trace = r.trace;
  for (size_t i = 0; i < trace.size();) {
    const dvm::TraceEntry& t = trace[i];
    if (t.version == 0) {
      std::cerr << "    ... " << t.line << " more frames ...\n";
      i++;
      continue;
    }
    size_t same = 1;
    while (i + same < trace.size() && trace[i + same].version == t.version && trace[i + same].proc == t.proc &&
           trace[i + same].line == t.line && trace[i + same].col == t.col)
      same++;
    std::cerr << "    at " << t.proc << " (version " << t.version << ") ";
    if (t.line == dvm::kLibraryLine) std::cerr << "(library)";
    else std::cerr << (t.source.empty() ? img.source_path : t.source) << ':' << t.line << ':' << t.col;
    if (same > 1) std::cerr << "  (" << same << " times)";
    std::cerr << '\n';
    i += same;
  }
}

// ---- the control channel of `dvm run`

// The engine behind the channel: vm/update.h on this instance.
class EngineHandler : public dvm::control::ControlHandler {
 public:
  explicit EngineHandler(dvm::Instance& inst) : inst_(inst) {}
  dvm::UpdateReply update(const dvm::UpdateRequest& req, const std::atomic<bool>& cancelled) override {
    return dvm::submit_update(inst_, req, cancelled);
  }
  std::string status() override { return dvm::status_json(inst_); }
  void program_exited() override { dvm::updates_program_exited(inst_); }

 private:
  dvm::Instance& inst_;
};

// A channel that cannot be set up is skipped silently (docs/CONTROL.md): `dvm
// run` prints nothing of its own but runtime errors.
void start_control_channel(const std::string& program, dvm::Instance& inst, dvm::control::ControlChannel* channel) {
  dvm::control::ChannelConfig config;
  config.program = program;
  if (!channel->start(config, std::make_shared<EngineHandler>(inst)).empty()) return;
  dvm::signals::remove_socket_on_exit(channel->path());
}

int cmd_run(const std::vector<std::string>& args) {
  // Everything after "--" belongs to the program.
  std::vector<std::string> own, program_args;
  bool rest = false;
  for (const std::string& a : args) {
    if (rest) program_args.push_back(a);
    else if (a == "--") rest = true;
    else own.push_back(a);
  }
  po::options_description opts("Options");
  opts.add_options()
      ("program", po::value<std::string>(), "image (.dbc) or source file (.pas or .c)")
      ("jit", po::value<std::string>()->default_value(env_or("DVM_JIT", "auto")),
       "off (interpret), on (compile every procedure before it runs) or auto (compile hot ones); default $DVM_JIT or auto")
      ("jit-threshold", po::value<std::string>()->default_value(env_or("DVM_JIT_THRESHOLD", "1000")),
       "with --jit=auto: calls plus loop iterations after which a procedure is compiled")
      ("jit-report", "at exit, print to standard error what was compiled, what was not and why")
      ("no-update", "no control channel and no safe-point polls")
      ("check-memory", "catch reads and writes past heap blocks, uses of freed blocks and overruns of local "
                       "arrays (a source is compiled with frame guards; an image needs dvm compile --check-memory "
                       "for the locals); runs with the JIT off, several times slower")
      ("stack", po::value<std::string>(), "stack budget, e.g. 64M (default 512M)")
      ("memory", po::value<std::string>(), "the heap's size (malloc, new, strings), e.g. 256M (default 1G); globals and the stack come on top");
  dvm::node::add_run_options(opts);
  po::positional_options_description pos;
  pos.add("program", 1);
  auto vm = parse("run", "dvm run PROG.dbc|FILE.pas|FILE.c [options] [-- ARGS]", opts, pos, own);
  dvm::node::Options node_options;
  if (std::string bad = dvm::node::read_options(vm, &node_options); !bad.empty()) usage_error("run", bad);
  if (!vm.count("program")) usage_error("run", "no program given");
  std::string jit = vm["jit"].as<std::string>();
  if (jit != "off" && jit != "on" && jit != "auto")
    usage_error("run", std::string(vm["jit"].defaulted() ? "DVM_JIT" : "--jit") + " must be off, on or auto, not '" + jit + "'");
  dvm::VmOptions options;
  options.check_memory = vm.count("check-memory") > 0;
  // Checked accesses are the interpreter's: --check-memory runs without machine code.
  if (options.check_memory) jit = "off";
  options.jit_mode = jit == "on" ? dvm::JitMode::On : jit == "auto" ? dvm::JitMode::Auto : dvm::JitMode::Off;
  if (options.jit_mode != dvm::JitMode::Off) options.jit = dvm::jit::make_engine();
  uint64_t threshold = 0;
  if (!parse_size(vm["jit-threshold"].as<std::string>(), &threshold) || threshold == 0 || threshold > UINT32_MAX)
    usage_error("run", "--jit-threshold must be a count from 1 to " + std::to_string(UINT32_MAX));
  options.jit_threshold = static_cast<uint32_t>(threshold);
  options.updatable = vm.count("no-update") == 0;
  options.args = program_args;
  if (vm.count("stack")) options.stack_bytes = size_option("stack", vm["stack"].as<std::string>());
  if (vm.count("memory")) options.memory_bytes = size_option("memory", vm["memory"].as<std::string>());

  std::string path = vm["program"].as<std::string>();
  dvm::Image img;
  dvm::CompileOptions compile_options;
  compile_options.check_memory = options.check_memory;
  if (!load_program(path, &img, false, compile_options)) return kExitFail;
  // A node of a cluster may run its service's committed version instead.
  std::unique_ptr<dvm::node::Node> node;
  if (node_options.any()) {
    node = std::make_unique<dvm::node::Node>(node_options);
    if (!node->start(path, &img)) return kExitFail;
  }
  std::string error;
  dvm::InstancePtr inst = dvm::create_instance(img, options, &error);
  if (!inst) {
    std::cerr << "dvm: error: " << error << '\n';
    return kExitFail;
  }
  if (node && !node->attach(*inst)) return kExitFail;
  // PROG of `dvm update` is matched against the canonical path of what was run.
  std::string program = dvm::control::canonical_path(path);
  dvm::set_program_path(*inst, program);
  dvm::control::ControlChannel channel;
  if (options.updatable) start_control_channel(program, *inst, &channel);
  if (node) node->leave_on_signals();
  dvm::RunResult r = dvm::run_instance(*inst);
  if (node) node->detach();  // before the instance goes away
  if (vm.count("jit-report")) std::cerr << dvm::jit_report(*inst);
  // A connection still inside the engine after the wait keeps using the
  // instance: leave it alive (the process is about to end anyway).
  if (!channel.stop()) (void)inst.release();
  if (r.runtime_error) {
    print_runtime_error(img, r);
    return kExitFail;
  }
  return r.exit_code;
}

// ---- dvm update and dvm status: clients of the control channel

// The bytes to send for NEW: an image file as it is (verified here first, so
// a bad one is reported without bothering the program), a source file compiled.
bool load_update_image(const std::string& path, std::vector<uint8_t>* bytes) {
  dvm::Image img;
  if (!load_program(path, &img)) return false;
  if (is_source(path)) {
    *bytes = dvm::write_image(img);
    return true;
  }
  std::string text, error;
  if (!read_file(path, &text, &error)) {
    std::cerr << "dvm: error: " << error << '\n';
    return false;
  }
  bytes->assign(text.begin(), text.end());
  return true;
}

// The running instances started from `prog` ("" for all), optionally one pid.
std::vector<dvm::control::InstanceInfo> matching_instances(const std::string& prog, int pid) {
  std::string want = prog.empty() ? "" : dvm::control::canonical_path(prog);
  std::vector<dvm::control::InstanceInfo> out;
  for (const dvm::control::InstanceInfo& inst : dvm::control::find_instances())
    if ((want.empty() || inst.program == want) && (pid == 0 || inst.pid == pid)) out.push_back(inst);
  return out;
}

std::string ensure_newline(const std::string& text) {
  return text.empty() || text.back() == '\n' ? text : text + "\n";
}

// After "no running instance of PROG": what does run, and from which file
// (PROG is matched by the file an instance was started from: a program
// started as prog.pas is not found as prog.dbc).
void say_what_runs(const char* command, const std::string& prog) {
  std::vector<dvm::control::InstanceInfo> all = dvm::control::find_instances();
  if (all.empty()) {
    std::cerr << "dvm " << command << ": no dvm program runs at all (for this user)\n";
    return;
  }
  std::cerr << "dvm " << command << ": instances are matched by the file they were started from; running now:\n";
  constexpr size_t kMaxListed = 20;
  for (size_t i = 0; i < all.size() && i < kMaxListed; i++)
    std::cerr << "  pid " << all[i].pid << " started from " << all[i].program << '\n';
  if (all.size() > kMaxListed) std::cerr << "  ... and " << all.size() - kMaxListed << " more\n";
  // The same program under another file name (prog.dbc compiled from prog.pas).
  auto stem = [](const std::string& path) {
    std::string name = path.substr(path.find_last_of('/') + 1);
    return name.substr(0, name.find_last_of('.'));
  };
  std::string want = dvm::control::canonical_path(prog);
  for (const dvm::control::InstanceInfo& inst : all)
    if (stem(inst.program) == stem(want)) {
      std::cerr << "dvm " << command << ": did you mean " << inst.program << "? (dvm " << command << " "
                << inst.program << (std::string(command) == "update" ? " NEW" : "") << ")\n";
      break;
    }
}

// Prints one instance's outcome; true when it counts as success.
bool report_update(const dvm::control::InstanceInfo& inst, const dvm::control::UpdateOutcome& o) {
  using Kind = dvm::control::UpdateOutcome::Kind;
  using Status = dvm::UpdateReply::Status;
  std::string who = "pid " + std::to_string(inst.pid) + ": ";
  if (o.kind == Kind::Exited) {
    std::cerr << "dvm update: " << who << "the program exited\n";
    return false;
  }
  if (o.kind == Kind::Error) {
    std::cerr << "dvm update: " << who << o.error << '\n';
    return false;
  }
  const dvm::UpdateReply& r = o.reply;
  switch (r.status) {
    case Status::Committed: {
      // Frames that keep running changed code are said on the same line: the
      // commit did not change what they run.
      std::string old;
      for (const std::string& note : r.old_code) old += "; " + note;
      std::cout << who << "committed as version " << r.version << " (pause " << r.pause_us << " us)" << old
                << std::endl;
      return true;
    }
    case Status::Unchanged: std::cout << who << "unchanged: " << ensure_newline(r.message) << std::flush; return true;
    case Status::Planned:
      std::cout << who << "the update would be " << (r.would_accept ? "accepted" : "refused") << '\n'
                << ensure_newline(r.message) << std::flush;
      return r.would_accept;
    case Status::Refused: std::cerr << "dvm update: " << who << "refused: " << ensure_newline(r.message); break;
    case Status::Abandoned: std::cerr << "dvm update: " << who << "abandoned: " << ensure_newline(r.message); break;
    case Status::Failed: std::cerr << "dvm update: " << who << "failed: " << ensure_newline(r.message); break;
  }
  return false;
}

// Updates every instance at once (each waits for its own safe point) and
// reports each as it finishes.  True when all succeeded.
bool update_all(const std::vector<dvm::control::InstanceInfo>& targets, const dvm::UpdateRequest& req) {
  std::mutex mu;
  bool all_ok = true;
  std::vector<std::thread> threads;
  for (const dvm::control::InstanceInfo& inst : targets) {
    threads.emplace_back([&, inst] {
      // What a waiting update waits for, said as soon as the instance knows.
      auto progress = [&](const std::string& words) {
        std::lock_guard<std::mutex> lock(mu);
        std::cerr << "dvm update: pid " << inst.pid << ": " << words << std::endl;
      };
      dvm::control::UpdateOutcome o =
          req.dry_run ? dvm::control::send_update(inst, req) : dvm::control::send_update(inst, req, progress);
      std::lock_guard<std::mutex> lock(mu);
      if (!report_update(inst, o)) all_ok = false;
    });
  }
  for (std::thread& t : threads) t.join();
  return all_ok;
}

int cmd_update(const std::vector<std::string>& args) {
  if (dvm::node::has_cluster_flag(args)) return dvm::node::cmd_update_cluster(args, load_update_image);
  po::options_description opts("Options");
  opts.add_options()
      ("prog", po::value<std::string>(), "the image or source file the running program was started from")
      ("new", po::value<std::string>(), "the new version: an image (.dbc) or a source file")
      ("dry-run", "print the plan and what the update would wait for; change nothing")
      ("strict", "restrict every changed procedure: no old code of it runs after the commit")
      ("timeout", po::value<double>()->default_value(30), "seconds the update may wait for its safe point")
      ("pid", po::value<int>(), "update only the instance run by this process");
  po::positional_options_description pos;
  pos.add("prog", 1).add("new", 1);
  auto vm = parse("update", "dvm update PROG NEW [--dry-run] [--strict] [--timeout S] [--pid PID]", opts, pos, args);
  if (!vm.count("prog") || !vm.count("new")) usage_error("update", "expected PROG and NEW");
  dvm::UpdateRequest req;
  req.dry_run = vm.count("dry-run") > 0;
  req.strict = vm.count("strict") > 0;
  req.timeout_s = vm["timeout"].as<double>();
  if (!std::isfinite(req.timeout_s) || req.timeout_s <= 0 || req.timeout_s > 365.0 * 86400)
    usage_error("update", "--timeout must be a number of seconds above 0 and at most a year (31536000)");
  int pid = vm.count("pid") ? vm["pid"].as<int>() : 0;
  if (vm.count("pid") && pid <= 0) usage_error("update", "--pid must be a process id");
  std::string prog = vm["prog"].as<std::string>(), next = vm["new"].as<std::string>();
  if (!load_update_image(next, &req.image)) return kExitFail;
  req.source = dvm::control::canonical_path(next);
  std::vector<dvm::control::InstanceInfo> targets = matching_instances(prog, pid);
  if (targets.empty()) {
    std::cerr << "dvm update: no running instance of " << dvm::control::canonical_path(prog)
              << (pid ? " with pid " + std::to_string(pid) : "") << '\n';
    say_what_runs("update", prog);
    return kExitFail;
  }
  return update_all(targets, req) ? kExitOk : kExitFail;
}

std::string json_text(const dvm::control::Json& obj, const char* key) {
  const dvm::control::Json* v = obj.get(key);
  if (!v) return "?";
  if (v->is_string()) return v->as_string();
  if (v->is_number()) return std::to_string(v->as_int());
  return dvm::control::to_json(*v);
}

std::string pad(const std::string& s, size_t width) { return s.size() >= width ? s + " " : s + std::string(width - s.size(), ' '); }

std::string pending_line(const dvm::control::Json& p) {
  std::string waits;
  if (const dvm::control::Json* w = p.get("waits_for"); w && w->is_array())
    for (const dvm::control::Json& name : w->items())
      waits += (waits.empty() ? "" : ", ") + (name.is_string() ? name.as_string() : dvm::control::to_json(name));
  std::string words;
  if (const dvm::control::Json* w = p.get("waiting"); w && w->is_string() && !w->as_string().empty())
    words = "\n    " + w->as_string();
  return "  pending update " + json_text(p, "id") + ": " +
         (waits.empty() ? "waits for its next safe point" : "waits for " + waits) + words + "\n";
}

// The members the update contract names for --json, in its order; the
// table view also shows the engine's notes (active frames, what a pending
// update waits for in words, frames_not_moved).
dvm::control::Json spec_fields(const dvm::control::Json& inst) {
  dvm::control::Json out = dvm::control::Json::object();
  for (const char* key : {"pid", "program", "versions"})
    if (const dvm::control::Json* v = inst.get(key)) out.set(key, *v);
  dvm::control::Json pending = dvm::control::Json::array();
  if (const dvm::control::Json* list = inst.get("pending"); list && list->is_array())
    for (const dvm::control::Json& p : list->items()) {
      dvm::control::Json entry = dvm::control::Json::object();
      for (const char* key : {"id", "waits_for"})
        if (const dvm::control::Json* v = p.get(key)) entry.set(key, *v);
      pending.push(std::move(entry));
    }
  out.set("pending", std::move(pending));
  return out;
}

// One instance of `dvm status` as a table.
void print_status(const dvm::control::Json& inst) {
  std::cout << "pid " << json_text(inst, "pid") << "  " << json_text(inst, "program") << '\n';
  std::cout << "  " << pad("version", 9) << pad("loaded at", 22) << pad("procedures", 12) << pad("frames", 8)
            << "source\n";
  if (const dvm::control::Json* versions = inst.get("versions"); versions && versions->is_array())
    for (const dvm::control::Json& v : versions->items())
      std::cout << "  " << pad(json_text(v, "number"), 9) << pad(json_text(v, "loaded_at"), 22)
                << pad(json_text(v, "procedures"), 12) << pad(json_text(v, "frames"), 8) << json_text(v, "source")
                << '\n';
  if (const dvm::control::Json* active = inst.get("active"); active && active->is_array() && !active->items().empty()) {
    std::cout << "  active procedures (innermost first):\n";
    for (const dvm::control::Json& a : active->items())
      std::cout << "    " << (a.is_string() ? a.as_string() : dvm::control::to_json(a)) << '\n';
  }
  if (const dvm::control::Json* pending = inst.get("pending"); pending && pending->is_array())
    for (const dvm::control::Json& p : pending->items()) std::cout << pending_line(p);
  if (const dvm::control::Json* notes = inst.get("frames_not_moved"); notes && notes->is_array())
    for (const dvm::control::Json& n : notes->items())
      std::cout << "  frame stays in its old version: " << (n.is_string() ? n.as_string() : dvm::control::to_json(n))
                << '\n';
}

int cmd_status(const std::vector<std::string>& args) {
  if (dvm::node::has_cluster_flag(args)) return dvm::node::cmd_status_cluster(args);
  po::options_description opts("Options");
  opts.add_options()
      ("prog", po::value<std::string>(), "only the instances started from this image or source file")
      ("json", "print {\"instances\": [...]} (the format of docs/UPDATING.md)");
  po::positional_options_description pos;
  pos.add("prog", 1);
  auto vm = parse("status", "dvm status [PROG] [--json]", opts, pos, args);
  std::string prog = vm.count("prog") ? vm["prog"].as<std::string>() : "";
  std::vector<dvm::control::Json> listed;
  for (const dvm::control::InstanceInfo& inst : matching_instances(prog, 0)) {
    dvm::control::Json element;
    std::string error;
    if (dvm::control::fetch_status(inst, &element, &error)) listed.push_back(std::move(element));
    else if (error != "the program has exited") std::cerr << "dvm status: pid " << inst.pid << ": " << error << '\n';
  }
  if (vm.count("json")) {
    std::cout << "{\"instances\": [";
    for (size_t i = 0; i < listed.size(); i++)
      std::cout << (i ? ", " : "") << dvm::control::to_json(spec_fields(listed[i]));
    std::cout << "]}\n";
  } else if (listed.empty()) {
    std::cerr << "dvm status: no running instance"
              << (prog.empty() ? "" : " of " + dvm::control::canonical_path(prog)) << '\n';
    if (!prog.empty()) say_what_runs("status", prog);
  } else {
    for (size_t i = 0; i < listed.size(); i++) {
      if (i) std::cout << '\n';
      print_status(listed[i]);
    }
  }
  return listed.empty() ? kExitFail : kExitOk;
}

int cmd_dis(const std::vector<std::string>& args) {
  po::options_description opts("Options");
  opts.add_options()
      ("program", po::value<std::string>(), "image (.dbc) or source file")
      ("proc", po::value<std::string>(), "only this procedure (with --jit)")
      ("jit", "each procedure's bytecode with its x86-64 machine code beneath every instruction");
  po::positional_options_description pos;
  pos.add("program", 1).add("proc", 1);
  auto vm = parse("dis", "dvm dis PROG.dbc [--jit [PROC]]", opts, pos, args);
  if (!vm.count("program")) usage_error("dis", "no image given");
  if (vm.count("proc") && !vm.count("jit")) usage_error("dis", "a procedure name is taken with --jit only");
  dvm::Image img;
  if (!load_program(vm["program"].as<std::string>(), &img)) return kExitFail;
  if (vm.count("jit")) return print_jit_listing(img, vm.count("proc") ? vm["proc"].as<std::string>() : "");
  std::cout << dvm::disassemble(img);
  return kExitOk;
}

void print_help() {
  std::cout << "Usage: dvm COMMAND [options]\n\n"
               "Commands:\n"
               "  compile FILE.pas|FILE.c [-o OUT.dbc] [--emit=tokens|ast|ast-dot|bytecode|jit] [--check-memory]\n"
               "                      compile to an image, or print a stage of the compiler\n"
               "  run PROG [--jit=off|on|auto] [--memory SIZE] [--stack SIZE] [--check-memory] [-- ARGS]\n"
               "                      run an image or a source file (--check-memory: catch heap\n"
               "                      overruns, uses of freed memory and local array overruns;\n"
               "                      interprets, with the JIT off; dvm run --help: every option)\n"
               "  update PROG NEW [--dry-run] [--strict] [--timeout S] [--pid PID]\n"
               "                      replace the code of every running instance of PROG by NEW\n"
               "  status [PROG] [--json]\n"
               "                      the running instances, their versions and pending updates\n"
               "  dis PROG.dbc [--jit [PROC]]\n"
               "                      list every procedure of an image (with --jit: and its machine code)\n\n"
               "Options:\n"
               "  --help              show help (also after a command)\n"
               "  --version           show the version\n";
}

}  // namespace

int main(int argc, char** argv) {
  // A standard stream started closed gets /dev/null: otherwise the next file
  // dvm opens (a socket, an eventfd) would take its number and receive the
  // program's output.
  for (int fd = 0; fd <= 2; fd++)
    if (fcntl(fd, F_GETFD) == -1 && errno == EBADF) (void)open("/dev/null", fd == 0 ? O_RDONLY : O_WRONLY);
  std::vector<std::string> args(argv + 1, argv + argc);
  if (args.empty()) {
    print_help();
    return kExitUsage;
  }
  std::string cmd = args[0];
  std::vector<std::string> rest(args.begin() + 1, args.end());
  if (cmd == "--help" || cmd == "-h" || cmd == "help") {
    print_help();
    return kExitOk;
  }
  // --version also after a command (not among a program's own arguments).
  auto version = std::find(args.begin(), std::find(args.begin(), args.end(), std::string("--")), "--version");
  if (cmd == "--version" || (version != args.end() && *version == "--version")) {
    std::cout << kVersion << '\n';
    return kExitOk;
  }
  if (cmd == "compile") return cmd_compile(rest);
  if (cmd == "run") return cmd_run(rest);
  if (cmd == "update") return cmd_update(rest);
  if (cmd == "status") return cmd_status(rest);
  if (cmd == "dis") return cmd_dis(rest);
  usage_error("", "unknown command '" + cmd + "'");
}
