program RpnCalc;
{ A reverse-Polish calculator reading expressions from standard input, one per line, with
  a stack in an array; real arithmetic and errors reported per line. }
const
  Depth = 32;
var
  stack: array[1..Depth] of real;
  sp: integer;
  line, tok: string;
  i, code, lineNo: integer;
  v, a, b: real;
  ok: boolean;

procedure Push(x: real);
begin
  if sp = Depth then
  begin
    ok := false;
    exit;
  end;
  inc(sp);
  stack[sp] := x;
end;

function Pop: real;
begin
  if sp = 0 then
  begin
    ok := false;
    Pop := 0;
  end
  else
  begin
    Pop := stack[sp];
    dec(sp);
  end;
end;

procedure Apply(op: char);
begin
  b := Pop;
  a := Pop;
  if not ok then exit;
  case op of
    '+': Push(a + b);
    '-': Push(a - b);
    '*': Push(a * b);
    '/': if b = 0 then ok := false else Push(a / b);
  end;
end;

begin
  lineNo := 0;
  while not eof do
  begin
    readln(line);
    inc(lineNo);
    sp := 0;
    ok := true;
    i := 1;
    line := line + ' ';
    tok := '';
    while ok and (i <= length(line)) do
    begin
      if line[i] <> ' ' then tok := tok + line[i]
      else if tok <> '' then
      begin
        if (length(tok) = 1) and ((tok = '+') or (tok = '-') or (tok = '*') or (tok = '/')) then
          Apply(tok[1])
        else if tok = 'dup' then
        begin
          v := Pop; Push(v); Push(v);
        end
        else if tok = 'sqrt' then
        begin
          v := Pop;
          if v < 0 then ok := false else Push(sqrt(v));
        end
        else
        begin
          val(tok, v, code);
          if code <> 0 then ok := false else Push(v);
        end;
        tok := '';
      end;
      inc(i);
    end;
    if ok and (sp = 1) then
      writeln(lineNo, ': ', stack[1]:0:4)
    else
      writeln(lineNo, ': error');
  end;
end.
