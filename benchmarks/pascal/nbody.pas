{ nbody: the Computer Language Benchmarks Game n-body simulation (Sun and the four gas
  giants). Measures real arithmetic, sqrt, and field access in an array of records. The
  energy is printed as trunc(-energy * 1e9), an integer every language prints alike. }
program nbodybench;

const
  STEPS = 2000000;
  NBODIES = 5;

type
  Body = record
    x, y, z, vx, vy, vz, mass: real;
  end;

var
  bodies: array[1..NBODIES] of Body;
  solarmass, daysperyear: real;

procedure setbody(i: integer; x, y, z, vx, vy, vz, mass: real);
begin
  bodies[i].x := x;
  bodies[i].y := y;
  bodies[i].z := z;
  bodies[i].vx := vx * daysperyear;
  bodies[i].vy := vy * daysperyear;
  bodies[i].vz := vz * daysperyear;
  bodies[i].mass := mass * solarmass;
end;

procedure init;
var
  piv: real;
begin
  piv := 3.141592653589793;
  solarmass := 4.0 * piv * piv;
  daysperyear := 365.24;
  setbody(1, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 1.0);
  setbody(2, 4.84143144246472090e+00, -1.16032004402742839e+00,
    -1.03622044471123109e-01, 1.66007664274403694e-03, 7.69901118419740425e-03,
    -6.90460016972063023e-05, 9.54791938424326609e-04);
  setbody(3, 8.34336671824457987e+00, 4.12479856412430479e+00,
    -4.03523417114321381e-01, -2.76742510726862411e-03, 4.99852801234917238e-03,
    2.30417297573763929e-05, 2.85885980666130812e-04);
  setbody(4, 1.28943695621391310e+01, -1.51111514016986312e+01,
    -2.23307578892655734e-01, 2.96460137564761618e-03, 2.37847173959480950e-03,
    -2.96589568540237556e-05, 4.36624404335156298e-05);
  setbody(5, 1.53796971148509165e+01, -2.59193146099879641e+01,
    1.79258772950371181e-01, 2.68067772490389322e-03, 1.62824170038242295e-03,
    -9.51592254519715870e-05, 5.15138902046611451e-05);
end;

procedure offsetmomentum;
var
  i: integer;
  px, py, pz: real;
begin
  px := 0.0;
  py := 0.0;
  pz := 0.0;
  for i := 1 to NBODIES do
  begin
    px := px + bodies[i].vx * bodies[i].mass;
    py := py + bodies[i].vy * bodies[i].mass;
    pz := pz + bodies[i].vz * bodies[i].mass;
  end;
  bodies[1].vx := -px / solarmass;
  bodies[1].vy := -py / solarmass;
  bodies[1].vz := -pz / solarmass;
end;

function energy: real;
var
  i, j: integer;
  e, dx, dy, dz: real;
begin
  e := 0.0;
  for i := 1 to NBODIES do
  begin
    e := e + 0.5 * bodies[i].mass * (bodies[i].vx * bodies[i].vx
      + bodies[i].vy * bodies[i].vy + bodies[i].vz * bodies[i].vz);
    for j := i + 1 to NBODIES do
    begin
      dx := bodies[i].x - bodies[j].x;
      dy := bodies[i].y - bodies[j].y;
      dz := bodies[i].z - bodies[j].z;
      e := e - bodies[i].mass * bodies[j].mass / sqrt(dx * dx + dy * dy + dz * dz);
    end;
  end;
  energy := e;
end;

procedure advance(dt: real);
var
  i, j: integer;
  dx, dy, dz, dsq, dist, mag, mi, mj: real;
begin
  for i := 1 to NBODIES do
    for j := i + 1 to NBODIES do
    begin
      dx := bodies[i].x - bodies[j].x;
      dy := bodies[i].y - bodies[j].y;
      dz := bodies[i].z - bodies[j].z;
      dsq := dx * dx + dy * dy + dz * dz;
      dist := sqrt(dsq);
      mag := dt / (dsq * dist);
      mi := bodies[i].mass * mag;
      mj := bodies[j].mass * mag;
      bodies[i].vx := bodies[i].vx - dx * mj;
      bodies[i].vy := bodies[i].vy - dy * mj;
      bodies[i].vz := bodies[i].vz - dz * mj;
      bodies[j].vx := bodies[j].vx + dx * mi;
      bodies[j].vy := bodies[j].vy + dy * mi;
      bodies[j].vz := bodies[j].vz + dz * mi;
    end;
  for i := 1 to NBODIES do
  begin
    bodies[i].x := bodies[i].x + dt * bodies[i].vx;
    bodies[i].y := bodies[i].y + dt * bodies[i].vy;
    bodies[i].z := bodies[i].z + dt * bodies[i].vz;
  end;
end;

var
  step: integer;
  scale, e0, e1: real;

begin
  init;
  offsetmomentum;
  scale := 1000000000.0;
  e0 := energy;
  for step := 1 to STEPS do
    advance(0.01);
  e1 := energy;
  writeln(trunc(-e0 * scale), ' ', trunc(-e1 * scale));
end.
