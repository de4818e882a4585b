program ForwardMutual;
{ Mutual recursion with forward declarations: even/odd, and a recursive-descent
  expression evaluator (expr -> term -> factor -> expr). }
var
  src: string;
  p: integer;

function IsEven(n: integer): boolean; forward;
function IsOdd(n: integer): boolean; forward;

function IsEven(n: integer): boolean;
begin
  if n = 0 then IsEven := true else IsEven := IsOdd(n - 1);
end;

function IsOdd(n: integer): boolean;
begin
  if n = 0 then IsOdd := false else IsOdd := IsEven(n - 1);
end;

procedure Ping(n: integer); forward;

procedure Pong(n: integer);
begin
  write('pong', n, ' ');
  if n > 0 then Ping(n - 1);
end;

procedure Ping(n: integer);
begin
  write('ping', n, ' ');
  if n > 0 then Pong(n - 1);
end;

function Expr: integer; forward;
function Negated: integer; forward;

procedure SkipSpaces;
begin
  while (p <= length(src)) and (src[p] = ' ') do p := p + 1;
end;

function Factor: integer;
var
  v: integer;
begin
  SkipSpaces;
  v := 0;
  if src[p] = '(' then
  begin
    p := p + 1;
    v := Expr;
    SkipSpaces;
    p := p + 1; { the ')' }
  end
  else if src[p] = '-' then
  begin
    p := p + 1;
    v := Negated;   { not -Factor: inside Factor that name is its result }
  end
  else
    while (p <= length(src)) and (src[p] >= '0') and (src[p] <= '9') do
    begin
      v := v * 10 + ord(src[p]) - ord('0');
      p := p + 1;
    end;
  Factor := v;
end;

function Negated: integer;
begin
  Negated := -Factor;
end;

function Term: integer;
var
  v: integer;
  op: char;
begin
  v := Factor;
  SkipSpaces;
  while (p <= length(src)) and ((src[p] = '*') or (src[p] = '/')) do
  begin
    op := src[p];
    p := p + 1;
    if op = '*' then v := v * Factor else v := v div Factor;
    SkipSpaces;
  end;
  Term := v;
end;

function Expr: integer;
var
  v: integer;
  op: char;
begin
  v := Term;
  SkipSpaces;
  while (p <= length(src)) and ((src[p] = '+') or (src[p] = '-')) do
  begin
    op := src[p];
    p := p + 1;
    if op = '+' then v := v + Term else v := v - Term;
    SkipSpaces;
  end;
  Expr := v;
end;

procedure Eval(const s: string);
begin
  src := s;
  p := 1;
  writeln(s, ' = ', Expr);
end;

begin
  writeln(IsEven(10), ' ', IsOdd(10), ' ', IsEven(7), ' ', IsOdd(7));
  Ping(4);
  writeln;
  Eval('1 + 2 * 3');
  Eval('(1 + 2) * 3');
  Eval('100 / 7 / 2 - -3');
  Eval('2 * (3 + 4) * (5 - (6 - 7))');
  Eval('((((42))))');
  Eval('10 - 2 - 3');
end.
