program CaseStmt;
{ case: single values, lists, ranges, else, otherwise, no match without else (nothing
  happens), case on integers, chars and booleans, nested case, compound branches. }
var
  i: integer;
  c: char;
  b: boolean;
  s: string;

function Kind(n: integer): string;
begin
  case n of
    0: Kind := 'zero';
    1, 3, 5, 7, 9: Kind := 'odd digit';
    2, 4, 6, 8: Kind := 'even digit';
    10..99: Kind := 'two digits';
    -9..-1: Kind := 'negative digit';
  else
    Kind := 'other';
  end;
end;

function CharClass(ch: char): string;
begin
  case ch of
    'a', 'e', 'i', 'o', 'u': CharClass := 'vowel';
    'b'..'d', 'f'..'h', 'j'..'n', 'p'..'t', 'v'..'z': CharClass := 'consonant';
    '0'..'9': CharClass := 'digit';
    ' ': CharClass := 'space';
  otherwise
    CharClass := 'symbol';
  end;
end;

begin
  for i := -3 to 12 do write(Kind(i), '; ');
  writeln;
  writeln(Kind(100), ' ', Kind(-10), ' ', Kind(55));
  s := 'a1 z!';
  for i := 1 to length(s) do writeln(s[i], ' ', CharClass(s[i]));
  { no match and no else: nothing happens }
  for i := 1 to 5 do
    case i of
      2: writeln('two');
      4: writeln('four');
    end;
  b := true;
  case b of
    true: writeln('b is true');
    false: writeln('b is false');
  end;
  { compound branches and nested case }
  for i := 1 to 4 do
    case i mod 2 of
      0:
        begin
          write('even ');
          case i of
            2: writeln('two');
          else
            writeln('not two');
          end;
        end;
      1: begin write('odd '); writeln(i); end;
    end;
  c := 'x';
  case c of
    'x': ;
  else
    writeln('never');
  end;
  case 3 + 4 of
    7: writeln('seven');
  end;
  i := 4;
  case i of
    1..3: writeln('small');
  else
    begin
      writeln('else with');
      writeln('two statements');
    end
  end;
  case i of
    4: writeln('semicolon before else'); else writeln('never');
  end;
end.
