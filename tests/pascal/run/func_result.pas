program FuncResult;
{ Function results: assigning the function's name, Result, reading the result back
  (name and Result), exit, exit(value) in functions, exit in procedures and in main. }
var
  calls: integer;

function ByName(n: integer): integer;
begin
  ByName := n;
  ByName := ByName * 2;       { the name without arguments reads the result }
  ByName := ByName + 1;
end;

function ByResult(n: integer): integer;
begin
  Result := n;
  Result := Result * 3;
  Inc(Result);
end;

function Mixed(n: integer): integer;
begin
  Mixed := 10;
  Result := Result + n;
end;

function NoArgs: integer;
begin
  calls := calls + 1;
  NoArgs := 5;
  NoArgs := NoArgs + 1;       { the result, not a recursive call }
end;

function FirstNeg(const a: array of integer): integer;
var
  i: integer;
begin
  for i := 0 to high(a) do
    if a[i] < 0 then exit(i);
  Result := -1;
end;

function Classify(n: integer): string;
begin
  if n < 0 then exit('negative');
  if n = 0 then
  begin
    Classify := 'zero';
    exit;
  end;
  Result := 'positive';
end;

function EarlyReal(x: real): real;
begin
  EarlyReal := x;
  if x > 1 then exit(x * 2);
end;

function Flag(b: boolean): boolean;
begin
  Result := not b;
end;

function Letter(k: integer): char;
begin
  Letter := chr(ord('a') + k);
end;

procedure Proc(n: integer);
begin
  write('proc ', n);
  if n > 1 then
  begin
    writeln(' early');
    exit;
  end;
  writeln(' late');
end;

var
  arr: array[1..4] of integer;

begin
  calls := 0;
  writeln(ByName(5), ' ', ByResult(5), ' ', Mixed(5), ' ', NoArgs, ' ', calls);
  arr[1] := 3; arr[2] := 4; arr[3] := -2; arr[4] := -8;
  writeln(FirstNeg(arr));
  arr[3] := 0; arr[4] := 1;
  writeln(FirstNeg(arr));
  writeln(Classify(-3), ' ', Classify(0), ' ', Classify(8));
  writeln(EarlyReal(0.5):0:2, ' ', EarlyReal(3):0:2);
  writeln(Flag(true), ' ', Letter(3));
  Proc(1);
  Proc(2);
  writeln('before exit');
  exit;
  writeln('never printed');
end.
