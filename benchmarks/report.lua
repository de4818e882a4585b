-- report.lua: turn what run.sh leaves in the results directory into Markdown tables.
--
-- usage: lua5.4 report.lua RESULTS_DIR BENCH...            times and ratios
--        lua5.4 report.lua --startup RESULTS_DIR           hello world: start-up, memory
--        lua5.4 report.lua --compile RESULTS_DIR BENCH...  JIT compile speed
--
-- For each benchmark NAME it reads RESULTS_DIR/NAME.status (lines "column<TAB>status",
-- status "ok" when the column was timed, else the reason it was not) and every
-- RESULTS_DIR/NAME.round*.json (hyperfine --export-json). Samples of one column are pooled
-- over the rounds before the median is taken. --startup reads the same files for "hello"
-- and hello.rss (lines "column<TAB>peak RSS in KiB"); --compile reads NAME.jit and
-- NAME.c.jit, the standard error of `dvm run --jit=on --jit-report` on the Pascal and the
-- C image.

-- dvm's columns (run.sh's DVM_MODES and DVM_C_MODES) and the peers'.
local DVM_PASCAL = {
  "dvm --jit=off", "dvm --jit=off --no-update", "dvm --jit=on", "dvm --jit=auto",
  "dvm --jit=on --no-update",
}
local DVM_C = {
  "dvm (C) --jit=off", "dvm (C) --jit=on", "dvm (C) --jit=auto", "dvm (C) --jit=on --no-update",
}
local PEERS = { "lua5.4", "luajit -joff", "luajit", "fpc -O2", "gcc -O2", "gcc -O0" }

local function concat(...)
  local out = {}
  for _, list in ipairs({ ... }) do
    for _, x in ipairs(list) do out[#out + 1] = x end
  end
  return out
end

-- Tables of median times: title and columns, in order. A column appears when some
-- benchmark has an entry for it; a table appears when one of its columns does.
local TIME_TABLES = {
  { title = "dvm (median seconds)", columns = concat(DVM_PASCAL, DVM_C) },
  { title = "Peers (median seconds)", columns = PEERS },
}

-- Tables of ratios: each ratio is heading, numerator column, denominator column.
local RATIO_TABLES = {
  { title = "Ratios, Pascal image", ratios = {
    { "jit=on / gcc -O2", "dvm --jit=on", "gcc -O2" },
    { "jit=on / luajit", "dvm --jit=on", "luajit" },
    { "jit=off / jit=on", "dvm --jit=off", "dvm --jit=on" },
    { "jit=auto / jit=on", "dvm --jit=auto", "dvm --jit=on" },
    { "jit=on no-update / jit=on", "dvm --jit=on --no-update", "dvm --jit=on" },
    { "jit=off no-update / jit=off", "dvm --jit=off --no-update", "dvm --jit=off" },
    { "jit=off / lua5.4", "dvm --jit=off", "lua5.4" },
    { "jit=off / luajit -joff", "dvm --jit=off", "luajit -joff" },
  } },
  { title = "Ratios, C image", ratios = {
    { "(C) jit=on / gcc -O2", "dvm (C) --jit=on", "gcc -O2" },
    { "(C) jit=off / jit=on", "dvm (C) --jit=off", "dvm (C) --jit=on" },
    { "(C) jit=auto / jit=on", "dvm (C) --jit=auto", "dvm (C) --jit=on" },
    { "(C) jit=on no-update / jit=on", "dvm (C) --jit=on --no-update", "dvm (C) --jit=on" },
  } },
}

-- Row order of the start-up table after the baseline (other commands follow, in the
-- order run.sh measured them).
local STARTUP_ORDER = concat(DVM_PASCAL, { "dvm --jit=auto (from .pas)" }, DVM_C, PEERS)

---------------------------------------------------------------------------------------
-- A small JSON decoder (objects, arrays, strings, numbers, true/false/null).

local decode_value

local function skip_ws(s, i)
  return s:find("[^ \t\r\n]", i) or #s + 1
end

local function decode_string(s, i)
  -- s:sub(i, i) == '"'
  local out, j = {}, i + 1
  while true do
    local c = s:sub(j, j)
    if c == "" then error("unterminated string") end
    if c == '"' then return table.concat(out), j + 1 end
    if c == "\\" then
      local e = s:sub(j + 1, j + 1)
      local map = { b = "\b", f = "\f", n = "\n", r = "\r", t = "\t" }
      if e == "u" then
        local code = tonumber(s:sub(j + 2, j + 5), 16)
        out[#out + 1] = code < 128 and string.char(code) or "?"
        j = j + 6
      else
        out[#out + 1] = map[e] or e
        j = j + 2
      end
    else
      out[#out + 1] = c
      j = j + 1
    end
  end
end

local function decode_array(s, i)
  local arr = {}
  i = skip_ws(s, i + 1)
  if s:sub(i, i) == "]" then return arr, i + 1 end
  while true do
    local v
    v, i = decode_value(s, i)
    arr[#arr + 1] = v
    i = skip_ws(s, i)
    local c = s:sub(i, i)
    if c == "]" then return arr, i + 1 end
    if c ~= "," then error("expected , or ] at " .. i) end
    i = skip_ws(s, i + 1)
  end
end

local function decode_object(s, i)
  local obj = {}
  i = skip_ws(s, i + 1)
  if s:sub(i, i) == "}" then return obj, i + 1 end
  while true do
    local k, v
    k, i = decode_string(s, i)
    i = skip_ws(s, i)
    if s:sub(i, i) ~= ":" then error("expected : at " .. i) end
    v, i = decode_value(s, skip_ws(s, i + 1))
    obj[k] = v
    i = skip_ws(s, i)
    local c = s:sub(i, i)
    if c == "}" then return obj, i + 1 end
    if c ~= "," then error("expected , or } at " .. i) end
    i = skip_ws(s, i + 1)
  end
end

decode_value = function(s, i)
  i = skip_ws(s, i)
  local c = s:sub(i, i)
  if c == "{" then return decode_object(s, i) end
  if c == "[" then return decode_array(s, i) end
  if c == '"' then return decode_string(s, i) end
  for word, value in pairs({ ["true"] = true, ["false"] = false, ["null"] = false }) do
    if s:sub(i, i + #word - 1) == word then return value, i + #word end
  end
  local num = s:match("^-?[%d.eE+-]+", i)
  if not num then error("bad JSON at " .. i) end
  return tonumber(num), i + #num
end

local function read_json(path)
  local f = io.open(path, "r")
  if not f then return nil end
  local text = f:read("a")
  f:close()
  return (decode_value(text, 1))
end

---------------------------------------------------------------------------------------

local function median(xs)
  local t = {}
  for i, x in ipairs(xs) do t[i] = x end
  table.sort(t)
  local n = #t
  if n == 0 then return nil end
  if n % 2 == 1 then return t[(n + 1) // 2] end
  return (t[n // 2] + t[n // 2 + 1]) / 2
end

-- Status per column (the last line for a column wins) and the columns in the order of
-- their first line.
local function read_status(path)
  local status, order = {}, {}
  local f = io.open(path, "r")
  if not f then return status, order end
  for line in f:lines() do
    local col, st = line:match("^([^\t]+)\t(.*)$")
    if col then
      if not status[col] then order[#order + 1] = col end
      status[col] = st
    end
  end
  f:close()
  return status, order
end

-- Pooled samples per column from every round's JSON file of one benchmark.
local function read_samples(dir, bench)
  local samples = {}
  local round = 1
  while true do
    local doc = read_json(string.format("%s/%s.round%d.json", dir, bench, round))
    if not doc then break end
    for _, r in ipairs(doc.results or {}) do
      local list = samples[r.command] or {}
      for _, t in ipairs(r.times or {}) do list[#list + 1] = t end
      samples[r.command] = list
    end
    round = round + 1
  end
  return samples
end

local function print_row(cells)
  print("| " .. table.concat(cells, " | ") .. " |")
end

-- A heading row and its separator. `align` has one letter per column, "l" for text
-- (left-aligned) or "r" for numbers; by default the first column is text, the others
-- numbers.
local function print_head(cells, align)
  print_row(cells)
  local sep = {}
  for i = 1, #cells do
    local a = align and align:sub(i, i) or (i == 1 and "l" or "r")
    sep[i] = a == "l" and "---" or "---:"
  end
  print_row(sep)
end

-- One row per benchmark: cell text, median and sample count per column.
local function read_rows(dir, benches)
  local rows, present = {}, {}
  for _, bench in ipairs(benches) do
    local status = read_status(dir .. "/" .. bench .. ".status")
    local samples = read_samples(dir, bench)
    local row = { name = bench, cell = {}, med = {}, n = {} }
    for col, st in pairs(status) do
      if st == "ok" then
        local m = median(samples[col] or {})
        if m then
          row.med[col] = m
          row.n[col] = #samples[col]
          row.cell[col] = string.format("%.3f", m)
        else
          row.cell[col] = "no data"
        end
        present[col] = true
      elseif st ~= "skipped" then
        row.cell[col] = st
        present[col] = true
      end
    end
    rows[#rows + 1] = row
  end
  return rows, present
end

local function times_and_ratios(dir, benches)
  local rows, present = read_rows(dir, benches)
  local minruns = math.huge
  local printed = false

  for _, tbl in ipairs(TIME_TABLES) do
    local cols = {}
    for _, col in ipairs(tbl.columns) do
      if present[col] then cols[#cols + 1] = col end
    end
    if #cols > 0 then
      if printed then print() end
      printed = true
      print("**" .. tbl.title .. "**")
      print()
      print_head(concat({ "benchmark" }, cols))
      for _, row in ipairs(rows) do
        local line = { row.name }
        for _, col in ipairs(cols) do
          line[#line + 1] = row.cell[col] or "–"
          if row.n[col] then minruns = math.min(minruns, row.n[col]) end
        end
        print_row(line)
      end
    end
  end

  for _, tbl in ipairs(RATIO_TABLES) do
    local ratios = {}
    for _, r in ipairs(tbl.ratios) do
      if present[r[2]] and present[r[3]] then ratios[#ratios + 1] = r end
    end
    if #ratios > 0 then
      if printed then print() end
      printed = true
      print("**" .. tbl.title .. "** (ratios of medians; below 1 means the first is faster)")
      print()
      local head = { "benchmark" }
      for _, r in ipairs(ratios) do head[#head + 1] = r[1] end
      print_head(head)
      local logsum, logn = {}, {}
      for _, row in ipairs(rows) do
        local line = { row.name }
        for _, r in ipairs(ratios) do
          local a, b = row.med[r[2]], row.med[r[3]]
          if a and b and a > 0 and b > 0 then
            line[#line + 1] = string.format("%.2f", a / b)
            logsum[r[1]] = (logsum[r[1]] or 0) + math.log(a / b)
            logn[r[1]] = (logn[r[1]] or 0) + 1
          else
            line[#line + 1] = "–"
          end
        end
        print_row(line)
      end
      if #rows > 1 then
        local line = { "**geometric mean**" }
        for _, r in ipairs(ratios) do
          if logn[r[1]] then
            line[#line + 1] = string.format("**%.2f**", math.exp(logsum[r[1]] / logn[r[1]]))
          else
            line[#line + 1] = "–"
          end
        end
        print_row(line)
      end
    end
  end
  if minruns < math.huge then
    print()
    print(string.format("Median wall-clock seconds over at least %d run%s per cell; ratios "
      .. "divide medians.", minruns, minruns == 1 and "" or "s"))
  end
end

local function startup(dir)
  local status, order = read_status(dir .. "/hello.status")
  local samples = read_samples(dir, "hello")
  local rss = read_status(dir .. "/hello.rss")
  local rows, seen = {}, {}
  local function add(col)
    if status[col] and status[col] ~= "skipped" and not seen[col] then
      rows[#rows + 1] = col
      seen[col] = true
    end
  end
  for _, col in ipairs(order) do
    if col:find("baseline") then add(col) end
  end
  for _, col in ipairs(STARTUP_ORDER) do add(col) end
  for _, col in ipairs(order) do add(col) end

  print("**Start-up: hello world** (`pascal/hello.pas`, `c/hello.c`, `lua/hello.lua`; "
    .. "dvm runs the precompiled image unless marked)")
  print()
  print_head({ "hello world", "median wall time (ms)", "peak RSS (KiB)" })
  local minruns = math.huge
  for _, col in ipairs(rows) do
    local t, m = status[col], nil
    if status[col] == "ok" then
      m = median(samples[col] or {})
      if m then
        t = string.format("%.1f", m * 1000)
        minruns = math.min(minruns, #samples[col])
      else
        t = "no data"
      end
    end
    print_row({ col, t, status[col] == "ok" and (rss[col] or "n/a") or "–" })
  end
  if minruns < math.huge then
    print()
    print(string.format("Start-up: median of %d runs (hyperfine -N) per command; peak RSS: "
      .. "median of 3 runs.", minruns))
  end
end

-- The statistics of one --jit-report: nil when the file holds none.
local function read_jit_report(path)
  local f = io.open(path, "r")
  if not f then return nil end
  local rep
  for line in f:lines() do
    local k, n, bytes, ms = line:match(
      "^jit: (%d+) of (%d+) procedure versions compiled, (%d+) bytes of machine code in "
      .. "([%d.]+) ms")
    if k then
      rep = { compiled = tonumber(k), versions = tonumber(n), bytes = tonumber(bytes),
              ms = tonumber(ms), slowest = nil, slowest_ms = -1 }
    elseif rep then
      local name, pbytes, pms = line:match("^%s+(.-): compiled, (%d+) bytes, ([%d.]+) ms")
      if name and tonumber(pms) > rep.slowest_ms then
        rep.slowest, rep.slowest_ms = name, tonumber(pms)
      end
    end
  end
  f:close()
  return rep
end

local function mbs(bytes, ms)
  if ms <= 0 then return "–" end
  return string.format("%.2f", bytes / 1e3 / ms)
end

local function compile_speed(dir, benches)
  print("**JIT compile speed** (one run of `dvm run --jit=on --jit-report` per image)")
  print()
  print_head({ "benchmark", "image", "compiled", "bytes", "compile ms", "MB/s",
               "slowest procedure", "its ms" }, "llrrrrlr")
  local total_bytes, total_ms, max_ms, max_where = 0, 0, -1, nil
  local any = false
  for _, bench in ipairs(benches) do
    for _, img in ipairs({ { bench, "Pascal" }, { bench .. ".c", "C" } }) do
      local path = dir .. "/" .. img[1] .. ".jit"
      local f = io.open(path, "r")
      if f then
        f:close()
        local rep = read_jit_report(path)
        if rep then
          any = true
          total_bytes = total_bytes + rep.bytes
          total_ms = total_ms + rep.ms
          local slow, slow_ms = "–", "–"
          if rep.slowest then
            slow, slow_ms = "`" .. rep.slowest .. "`", string.format("%.3f", rep.slowest_ms)
            if rep.slowest_ms > max_ms then
              max_ms = rep.slowest_ms
              max_where = string.format("`%s` of %s (%s)", rep.slowest, bench, img[2])
            end
          end
          print_row({ bench, img[2], string.format("%d of %d", rep.compiled, rep.versions),
                      tostring(rep.bytes), string.format("%.3f", rep.ms),
                      mbs(rep.bytes, rep.ms), slow, slow_ms })
        else
          print_row({ bench, img[2], "no report", "–", "–", "–", "–", "–" })
        end
      end
    end
  end
  if any then
    print()
    local line = string.format("Overall: %d bytes of machine code in %.3f ms of compiling, "
      .. "%s MB/s.", total_bytes, total_ms, mbs(total_bytes, total_ms))
    if max_where then
      line = line .. string.format(" Slowest single procedure: %.3f ms (%s).", max_ms, max_where)
    end
    print(line)
  end
  local gen = read_jit_report(dir .. "/generated.jit")
  if gen then
    print()
    print(string.format("A generated program of %d procedures (`generated_program_report` in run.sh), "
      .. "compiled in one process: %d bytes of machine code in %.3f ms, **%s MB/s**; slowest "
      .. "procedure %.3f ms. The benchmarks above are one to six procedures each: their "
      .. "figures include what the first compilation of a process costs once (the code "
      .. "generator's code and data coming into the caches and page tables).",
      gen.versions, gen.bytes, gen.ms, mbs(gen.bytes, gen.ms), gen.slowest_ms))
  end
end

local mode = "times"
local args = {}
for i = 1, #arg do args[#args + 1] = arg[i] end
if args[1] == "--startup" or args[1] == "--compile" then
  mode = table.remove(args, 1):sub(3)
end
local dir = args[1]
if not dir then
  io.stderr:write("usage: lua5.4 report.lua [--startup | --compile] RESULTS_DIR BENCH...\n")
  os.exit(2)
end
local benches = {}
for i = 2, #args do benches[#benches + 1] = args[i] end
if mode == "startup" then
  startup(dir)
elseif mode == "compile" then
  compile_speed(dir, benches)
else
  times_and_ratios(dir, benches)
end
