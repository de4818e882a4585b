-- nbody: the Computer Language Benchmarks Game n-body simulation (Sun and the four gas
-- giants). Measures real arithmetic, sqrt, and field access in an array of records. The
-- energy is printed as trunc(-energy * 1e9), an integer every language prints alike.
-- Bodies are tables with named fields; bodies[i] is hoisted as a Lua programmer would.
local STEPS = 2000000
local NBODIES = 5
local sqrt = math.sqrt

local pi = 3.141592653589793
local solarmass = 4.0 * pi * pi
local daysperyear = 365.24

local bodies = {}

local function setbody(i, x, y, z, vx, vy, vz, mass)
  bodies[i] = {
    x = x, y = y, z = z,
    vx = vx * daysperyear, vy = vy * daysperyear, vz = vz * daysperyear,
    mass = mass * solarmass,
  }
end

setbody(1, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 1.0)
setbody(2, 4.84143144246472090e+00, -1.16032004402742839e+00,
  -1.03622044471123109e-01, 1.66007664274403694e-03, 7.69901118419740425e-03,
  -6.90460016972063023e-05, 9.54791938424326609e-04)
setbody(3, 8.34336671824457987e+00, 4.12479856412430479e+00,
  -4.03523417114321381e-01, -2.76742510726862411e-03, 4.99852801234917238e-03,
  2.30417297573763929e-05, 2.85885980666130812e-04)
setbody(4, 1.28943695621391310e+01, -1.51111514016986312e+01,
  -2.23307578892655734e-01, 2.96460137564761618e-03, 2.37847173959480950e-03,
  -2.96589568540237556e-05, 4.36624404335156298e-05)
setbody(5, 1.53796971148509165e+01, -2.59193146099879641e+01,
  1.79258772950371181e-01, 2.68067772490389322e-03, 1.62824170038242295e-03,
  -9.51592254519715870e-05, 5.15138902046611451e-05)

local function offsetmomentum()
  local px, py, pz = 0.0, 0.0, 0.0
  for i = 1, NBODIES do
    local b = bodies[i]
    px = px + b.vx * b.mass
    py = py + b.vy * b.mass
    pz = pz + b.vz * b.mass
  end
  bodies[1].vx = -px / solarmass
  bodies[1].vy = -py / solarmass
  bodies[1].vz = -pz / solarmass
end

local function energy()
  local e = 0.0
  for i = 1, NBODIES do
    local bi = bodies[i]
    e = e + 0.5 * bi.mass * (bi.vx * bi.vx + bi.vy * bi.vy + bi.vz * bi.vz)
    for j = i + 1, NBODIES do
      local bj = bodies[j]
      local dx = bi.x - bj.x
      local dy = bi.y - bj.y
      local dz = bi.z - bj.z
      e = e - bi.mass * bj.mass / sqrt(dx * dx + dy * dy + dz * dz)
    end
  end
  return e
end

local function advance(dt)
  for i = 1, NBODIES do
    local bi = bodies[i]
    for j = i + 1, NBODIES do
      local bj = bodies[j]
      local dx = bi.x - bj.x
      local dy = bi.y - bj.y
      local dz = bi.z - bj.z
      local dsq = dx * dx + dy * dy + dz * dz
      local dist = sqrt(dsq)
      local mag = dt / (dsq * dist)
      local mi = bi.mass * mag
      local mj = bj.mass * mag
      bi.vx = bi.vx - dx * mj
      bi.vy = bi.vy - dy * mj
      bi.vz = bi.vz - dz * mj
      bj.vx = bj.vx + dx * mi
      bj.vy = bj.vy + dy * mi
      bj.vz = bj.vz + dz * mi
    end
  end
  for i = 1, NBODIES do
    local b = bodies[i]
    b.x = b.x + dt * b.vx
    b.y = b.y + dt * b.vy
    b.z = b.z + dt * b.vz
  end
end

offsetmomentum()
local scale = 1000000000.0
local e0 = energy()
for step = 1, STEPS do
  advance(0.01)
end
local e1 = energy()
print(string.format("%d %d", math.floor(-e0 * scale), math.floor(-e1 * scale)))
