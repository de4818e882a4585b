-- report.lua: turn the hyperfine JSON files and status files that run.sh leaves in the
-- results directory into a Markdown table of median times and ratios.
--
-- usage: lua5.4 report.lua RESULTS_DIR BENCH...
--
-- For each benchmark NAME it reads RESULTS_DIR/NAME.status (lines "column<TAB>status",
-- status "ok" when the column was timed, else the reason it was not) and every
-- RESULTS_DIR/NAME.round*.json (hyperfine --export-json). Samples of one column are pooled
-- over the rounds before the median is taken.

-- The columns, in table order. A column appears when some benchmark has an entry for it.
local COLUMNS = {
  "dvm", "dvm --no-update", "dvm (C)", "lua5.4", "luajit -joff", "luajit",
  "fpc -O2", "gcc -O2", "gcc -O0",
}

-- Ratio columns: heading, numerator column, denominator column.
local RATIOS = {
  { "dvm / lua5.4", "dvm", "lua5.4" },
  { "dvm / luajit -joff", "dvm", "luajit -joff" },
  { "no-update / dvm", "dvm --no-update", "dvm" },
}

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

local function read_status(path)
  local status = {}
  local f = io.open(path, "r")
  if not f then return status end
  for line in f:lines() do
    local col, st = line:match("^([^\t]+)\t(.*)$")
    if col then status[col] = st end
  end
  f:close()
  return status
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

local function main(dir, benches)
  local rows = {}
  local present = {}
  for _, bench in ipairs(benches) do
    local status = read_status(dir .. "/" .. bench .. ".status")
    local samples = read_samples(dir, bench)
    local row = { name = bench, cell = {}, med = {}, n = {} }
    for _, col in ipairs(COLUMNS) do
      local st = status[col]
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
      elseif st and st ~= "skipped" then
        row.cell[col] = st
        present[col] = true
      end
    end
    rows[#rows + 1] = row
  end

  local cols = {}
  for _, col in ipairs(COLUMNS) do
    if present[col] then cols[#cols + 1] = col end
  end
  local ratios = {}
  for _, r in ipairs(RATIOS) do
    if present[r[2]] and present[r[3]] then ratios[#ratios + 1] = r end
  end

  local head = { "benchmark" }
  for _, col in ipairs(cols) do head[#head + 1] = col end
  for _, r in ipairs(ratios) do head[#head + 1] = r[1] end
  print("| " .. table.concat(head, " | ") .. " |")
  local sep = { "---" }
  for _ = 2, #head do sep[#sep + 1] = "---:" end
  print("| " .. table.concat(sep, " | ") .. " |")

  local logsum, logn = {}, {}
  local minruns = math.huge
  for _, row in ipairs(rows) do
    local line = { row.name }
    for _, col in ipairs(cols) do
      line[#line + 1] = row.cell[col] or "–"
      if row.n[col] then minruns = math.min(minruns, row.n[col]) end
    end
    for _, r in ipairs(ratios) do
      local a, b = row.med[r[2]], row.med[r[3]]
      if a and b and b > 0 then
        line[#line + 1] = string.format("%.2f", a / b)
        logsum[r[1]] = (logsum[r[1]] or 0) + math.log(a / b)
        logn[r[1]] = (logn[r[1]] or 0) + 1
      else
        line[#line + 1] = "–"
      end
    end
    print("| " .. table.concat(line, " | ") .. " |")
  end
  if #ratios > 0 and #rows > 1 then
    local line = { "**geometric mean**" }
    for _ = 1, #cols do line[#line + 1] = "" end
    for _, r in ipairs(ratios) do
      if logn[r[1]] then
        line[#line + 1] = string.format("**%.2f**", math.exp(logsum[r[1]] / logn[r[1]]))
      else
        line[#line + 1] = "–"
      end
    end
    print("| " .. table.concat(line, " | ") .. " |")
  end
  print()
  if minruns < math.huge then
    print(string.format("Median wall-clock seconds over at least %d runs per cell; ratios "
      .. "divide medians.", minruns))
  end
end

local dir = arg[1]
if not dir then
  io.stderr:write("usage: lua5.4 report.lua RESULTS_DIR BENCH...\n")
  os.exit(2)
end
local benches = {}
for i = 2, #arg do benches[#benches + 1] = arg[i] end
main(dir, benches)
