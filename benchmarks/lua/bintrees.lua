-- bintrees: the Computer Language Benchmarks Game binary-trees workload: allocate many
-- perfect binary trees, walk them, drop them, while one long-lived tree stays. Measures
-- allocation (tables, reclaimed by the garbage collector) and pointer-chasing recursion.
-- A node is a table {left, right}; a leaf has no children.
local MINDEPTH = 4
local MAXDEPTH = 15

local function make(depth)
  if depth > 0 then
    return { make(depth - 1), make(depth - 1) }
  end
  return { false, false }
end

local function check(n)
  if not n[1] then
    return 1
  end
  return 1 + check(n[1]) + check(n[2])
end

local total = 0
local t = make(MAXDEPTH + 1)
print(string.format("stretch %d", check(t)))
t = nil
local longlived = make(MAXDEPTH)
local depth = MINDEPTH
while depth <= MAXDEPTH do
  local iterations = 1
  for i = 1, MAXDEPTH - depth + MINDEPTH do
    iterations = iterations * 2
  end
  local sum = 0
  for i = 1, iterations do
    t = make(depth)
    sum = sum + check(t)
    t = nil
  end
  total = total + sum
  depth = depth + 2
end
print(string.format("longlived %d total %d", check(longlived), total))
