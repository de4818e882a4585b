// The dvm command: compile, run, dis.  Printing and exit codes live here;
// the front ends and the VM return errors as values.
#include <pthread.h>
#include <unistd.h>

#include <boost/program_options.hpp>
#include <cstdio>
#include <fstream>
#include <functional>
#include <iostream>
#include <sstream>

#include "frontend/pascal.h"
#include "vm/disasm.h"
#include "vm/image.h"
#include "vm/vm.h"

namespace po = boost::program_options;

namespace {

constexpr const char* kVersion = "dvm 0.1.0";
constexpr int kExitOk = 0, kExitFail = 1, kExitUsage = 2;

bool ends_with(const std::string& s, const std::string& suffix) {
  return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

bool read_file(const std::string& path, std::string* out, std::string* error) {
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

// Compiles a source file; diagnostics (warnings too) go to stderr.
bool compile_source(const std::string& path, dvm::Image* img) {
  std::string text, error;
  if (!read_file(path, &text, &error)) {
    std::cerr << "dvm: error: " << error << '\n';
    return false;
  }
  if (ends_with(path, ".c")) {
    std::cerr << path << ": error: unsupported: the C front end is not part of this build\n";
    return false;
  }
  dvm::SourceFile src(path, text);
  dvm::Diagnostics diags;
  bool ok = false;
  run_with_big_stack([&] { ok = dvm::compile_pascal(src, img, &diags); });
  diags.print(std::cerr, src, stderr_is_tty());
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

bool load_program(const std::string& path, dvm::Image* img) {
  if (is_source(path)) {
    if (!compile_source(path, img)) return false;
    std::string problem = dvm::verify_image(*img);
    if (!problem.empty()) {
      std::cerr << path << ": internal error: the compiler produced an invalid image: " << problem << '\n';
      return false;
    }
    return true;
  }
  return load_image(path, img);
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

int cmd_compile(const std::vector<std::string>& args) {
  po::options_description opts("Options");
  opts.add_options()
      ("file", po::value<std::string>(), "source file (.pas)")
      ("output,o", po::value<std::string>(), "image to write (default: FILE.dbc beside the source)")
      ("emit", po::value<std::string>(), "print a stage instead: tokens, ast, ast-dot, bytecode");
  po::positional_options_description pos;
  pos.add("file", 1);
  auto vm = parse("compile", "dvm compile FILE.pas [-o OUT.dbc] [--emit=tokens|ast|ast-dot|bytecode]", opts, pos, args);
  if (!vm.count("file")) usage_error("compile", "no input file");
  std::string file = vm["file"].as<std::string>();
  if (!is_source(file)) usage_error("compile", "'" + file + "' is not a source file (.pas or .c)");

  if (vm.count("emit")) {
    std::string what = vm["emit"].as<std::string>();
    if (what == "bytecode") {
      dvm::Image img;
      if (!compile_source(file, &img)) return kExitFail;
      std::cout << dvm::disassemble(img);
      return kExitOk;
    }
    if (what != "tokens" && what != "ast" && what != "ast-dot")
      usage_error("compile", "unknown --emit value '" + what + "' (tokens, ast, ast-dot, bytecode)");
    if (ends_with(file, ".c")) {
      std::cerr << file << ": error: unsupported: the C front end is not part of this build\n";
      return kExitFail;
    }
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
      ok = what == "tokens" ? dvm::emit_pascal_tokens(src, out, &diags)
                            : dvm::emit_pascal_ast(src, out, what == "ast-dot", &diags);
    });
    diags.print(std::cerr, src, stderr_is_tty());
    std::cout << out.str();
    return ok ? kExitOk : kExitFail;
  }

  dvm::Image img;
  if (!compile_source(file, &img)) return kExitFail;
  std::string out = vm.count("output") ? vm["output"].as<std::string>()
                                       : file.substr(0, file.rfind('.')) + ".dbc";
  std::vector<uint8_t> bytes = dvm::write_image(img);
  std::ofstream f(out, std::ios::binary | std::ios::trunc);
  f.write(reinterpret_cast<const char*>(bytes.data()), static_cast<std::streamsize>(bytes.size()));
  if (!f) {
    std::cerr << "dvm: error: cannot write '" << out << "'\n";
    return kExitFail;
  }
  return kExitOk;
}

void print_runtime_error(const dvm::Image& img, const dvm::RunResult& r) {
  std::cerr << img.source_path << ':' << r.line << ':' << r.col << ": runtime error: " << r.message << '\n';
  for (const dvm::TraceEntry& t : r.trace)
    std::cerr << "    at " << t.proc << " (version " << t.version << ") " << img.source_path << ':' << t.line
              << ':' << t.col << '\n';
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
      ("program", po::value<std::string>(), "image (.dbc) or source file (.pas)")
      ("jit", po::value<std::string>()->default_value("auto"), "off, on or auto (everything interprets until the JIT exists)")
      ("no-update", "no control channel and no safe-point polls")
      ("stack", po::value<std::string>(), "stack budget, e.g. 64M (default 512M)")
      ("memory", po::value<std::string>(), "program memory limit, e.g. 256M (default 1G)");
  po::positional_options_description pos;
  pos.add("program", 1);
  auto vm = parse("run", "dvm run PROG.dbc|FILE.pas [options] [-- ARGS]", opts, pos, own);
  if (!vm.count("program")) usage_error("run", "no program given");
  std::string jit = vm["jit"].as<std::string>();
  if (jit != "off" && jit != "on" && jit != "auto") usage_error("run", "--jit must be off, on or auto");
  dvm::VmOptions options;
  options.updatable = vm.count("no-update") == 0;
  options.args = program_args;
  if (vm.count("stack") && !parse_size(vm["stack"].as<std::string>(), &options.stack_bytes))
    usage_error("run", "bad --stack size '" + vm["stack"].as<std::string>() + "'");
  if (vm.count("memory") && !parse_size(vm["memory"].as<std::string>(), &options.memory_bytes))
    usage_error("run", "bad --memory size '" + vm["memory"].as<std::string>() + "'");

  std::string path = vm["program"].as<std::string>();
  dvm::Image img;
  if (!load_program(path, &img)) return kExitFail;
  std::string error;
  dvm::InstancePtr inst = dvm::create_instance(img, options, &error);
  if (!inst) {
    std::cerr << "dvm: error: " << error << '\n';
    return kExitFail;
  }
  dvm::RunResult r = dvm::run_instance(*inst);
  if (r.runtime_error) {
    print_runtime_error(img, r);
    return kExitFail;
  }
  return r.exit_code;
}

int cmd_dis(const std::vector<std::string>& args) {
  po::options_description opts("Options");
  opts.add_options()("program", po::value<std::string>(), "image (.dbc) or source file");
  po::positional_options_description pos;
  pos.add("program", 1);
  auto vm = parse("dis", "dvm dis PROG.dbc", opts, pos, args);
  if (!vm.count("program")) usage_error("dis", "no image given");
  dvm::Image img;
  if (!load_program(vm["program"].as<std::string>(), &img)) return kExitFail;
  std::cout << dvm::disassemble(img);
  return kExitOk;
}

void print_help() {
  std::cout << "Usage: dvm COMMAND [options]\n\n"
               "Commands:\n"
               "  compile FILE.pas [-o OUT.dbc] [--emit=tokens|ast|ast-dot|bytecode]\n"
               "                      compile to an image, or print a stage of the compiler\n"
               "  run PROG [-- ARGS]  run an image or a source file\n"
               "  dis PROG.dbc        list every procedure of an image\n\n"
               "Options:\n"
               "  --help              show help (also after a command)\n"
               "  --version           show the version\n";
}

}  // namespace

int main(int argc, char** argv) {
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
  if (cmd == "--version") {
    std::cout << kVersion << '\n';
    return kExitOk;
  }
  if (cmd == "compile") return cmd_compile(rest);
  if (cmd == "run") return cmd_run(rest);
  if (cmd == "dis") return cmd_dis(rest);
  usage_error("", "unknown command '" + cmd + "'");
}
