program Tokenizer;
{ A tokenizer for a small language: identifiers, keywords, integers, reals, strings with
  doubled quotes, operators of one and two characters, comments; prints the tokens with
  their kinds (an enumeration printed by name) and positions. }
type
  TKind = (tkIdent, tkKeyword, tkInt, tkReal, tkString, tkOp, tkEnd, tkError);
  TToken = record
    kind: TKind;
    text: string;
    line, col: integer;
  end;
var
  src: array[1..6] of string;
  ln_, col: integer;
  counts: array[TKind] of integer;
  k: TKind;
  t: TToken;

function IsLetter(c: char): boolean;
begin
  IsLetter := ((c >= 'a') and (c <= 'z')) or ((c >= 'A') and (c <= 'Z')) or (c = '_');
end;

function IsDigit(c: char): boolean;
begin
  IsDigit := (c >= '0') and (c <= '9');
end;

function IsKeyword(const s: string): boolean;
var
  u: string;
begin
  u := upcase(s);
  IsKeyword := (u = 'BEGIN') or (u = 'END') or (u = 'IF') or (u = 'THEN') or (u = 'WHILE') or (u = 'DO');
end;

function Cur: char;
begin
  if col <= length(src[ln_]) then Cur := src[ln_][col] else Cur := #0;
end;

function Peek: char;
begin
  if col + 1 <= length(src[ln_]) then Peek := src[ln_][col + 1] else Peek := #0;
end;

procedure NextToken(var tok: TToken);
var
  c: char;
begin
  { skip blanks, line ends and // comments }
  while true do
  begin
    if ln_ > 6 then
    begin
      tok.kind := tkEnd; tok.text := ''; tok.line := ln_; tok.col := 0;
      exit;
    end;
    c := Cur;
    if (c = #0) or ((c = '/') and (Peek = '/')) then
    begin
      inc(ln_);
      col := 1;
    end
    else if c = ' ' then inc(col)
    else break;
  end;
  tok.line := ln_;
  tok.col := col;
  tok.text := '';
  c := Cur;
  if IsLetter(c) then
  begin
    while IsLetter(Cur) or IsDigit(Cur) do
    begin
      tok.text := tok.text + Cur;
      inc(col);
    end;
    if IsKeyword(tok.text) then tok.kind := tkKeyword else tok.kind := tkIdent;
  end
  else if IsDigit(c) then
  begin
    tok.kind := tkInt;
    while IsDigit(Cur) do begin tok.text := tok.text + Cur; inc(col); end;
    if (Cur = '.') and IsDigit(Peek) then
    begin
      tok.kind := tkReal;
      tok.text := tok.text + '.';
      inc(col);
      while IsDigit(Cur) do begin tok.text := tok.text + Cur; inc(col); end;
    end;
  end
  else if c = '''' then
  begin
    tok.kind := tkString;
    inc(col);
    while true do
    begin
      if Cur = #0 then begin tok.kind := tkError; break; end;
      if Cur = '''' then
      begin
        if Peek = '''' then begin tok.text := tok.text + ''''; inc(col, 2); end
        else begin inc(col); break; end;
      end
      else begin tok.text := tok.text + Cur; inc(col); end;
    end;
  end
  else
  begin
    tok.kind := tkOp;
    tok.text := c;
    inc(col);
    if ((c = ':') or (c = '<') or (c = '>')) and (Cur = '=') then
    begin
      tok.text := tok.text + '=';
      inc(col);
    end
    else if (c = '<') and (Cur = '>') then
    begin
      tok.text := '<>';
      inc(col);
    end
    else if not ((c = '+') or (c = '-') or (c = '*') or (c = '/') or (c = '=') or (c = '<')
                 or (c = '>') or (c = '(') or (c = ')') or (c = ';') or (c = ':')) then
      tok.kind := tkError;
  end;
end;

begin
  src[1] := 'begin x := 42; // a comment';
  src[2] := '  if x <> 3.25 then';
  src[3] := '    s := ''it''''s'' + name_1';
  src[4] := '';
  src[5] := 'while (y>=10) do y:=y-1 ?';
  src[6] := 'END ''open';
  ln_ := 1; col := 1;
  for k := low(TKind) to high(TKind) do counts[k] := 0;
  repeat
    NextToken(t);
    inc(counts[t.kind]);
    writeln(t.line, ':', t.col:2, ' ', t.kind:9, ' [', t.text, ']');
  until t.kind = tkEnd;
  for k := tkIdent to tkError do
    write(k, '=', counts[k], ' ');
  writeln;
end.
