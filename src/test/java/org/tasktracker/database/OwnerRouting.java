package org.tasktracker.database;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Whether a statement could go to one shard if every table with an {@code owner_id} were
 * distributed by it (Citus, docs/design/scale-out.md): each reference to such a table
 * must be pinned to one owner, by an equality in its {@code WHERE} or {@code ON} with a
 * parameter or constant, or with the {@code owner_id} of another reference that is pinned
 * (a co-located join, a correlated subquery), or, for an {@code INSERT}'s target, by
 * naming {@code owner_id} among the columns it writes.
 * <p>
 * A hand-made reading of the SQL, not PostgreSQL's parser: pg_stat_statements keeps the
 * text of statements that triggers and PL/pgSQL functions run, whose variables no
 * {@code EXPLAIN} could plan, and those must be read too. It errs on the side of
 * flagging: an equality under an {@code OR}, in a select list, in a {@code SET} or behind
 * an expression does not pin its table; {@code owner_id = ANY(...)} does not either
 * (several owners, several shards). What it cannot tell it flags, and a person decides.
 */
final class OwnerRouting {

	enum Kind {

		/** Every reference to an owned table is pinned to one owner. */
		ROUTED,

		/** At least one reference to an owned table is not pinned. */
		NOT_ROUTED,

		/** A statement other than DML (DDL, TRUNCATE, COPY, ...) names an owned table. */
		UTILITY_ON_OWNED,

		/** No owned table in it: nothing to route. */
		NO_OWNED_TABLE

	}

	/**
	 * @param kind the verdict
	 * @param problems what is not pinned ({@code tasks AS t}), or why
	 */
	record Verdict(Kind kind, List<String> problems) {

		boolean owned() {
			return this.kind != Kind.NO_OWNED_TABLE;
		}

	}

	private static final Set<String> DML = Set.of("select", "with", "insert", "update", "delete", "values", "table",
			"merge");

	/** Words that end a table reference rather than alias it. */
	private static final Set<String> NOT_ALIASES = Set.of("where", "join", "left", "right", "inner", "full", "cross",
			"outer", "natural", "on", "using", "set", "group", "order", "limit", "offset", "fetch", "for", "returning",
			"union", "intersect", "except", "window", "having", "lateral", "values", "select", "default", "as",
			"tablesample", "do", "overriding", "only");

	private static final Set<String> SET_OPERATIONS = Set.of("union", "intersect", "except");

	private final Set<String> ownedTables;

	private final boolean nested;

	private final List<Token> tokens;

	private final List<TableRef> refs = new ArrayList<>();

	private final List<Equality> equalities = new ArrayList<>();

	private final List<String> problems = new ArrayList<>();

	private OwnerRouting(String sql, Set<String> ownedTables, boolean nested) {
		this.ownedTables = ownedTables;
		this.nested = nested;
		this.tokens = tokenize(sql);
	}

	/**
	 * Reads one statement.
	 * @param sql its text as pg_stat_statements keeps it (or as written)
	 * @param ownedTables the tables that carry {@code owner_id}
	 * @param nested whether a function or trigger ran it, where a bare name other than a
	 * column is a variable holding one value (the trigger's owner)
	 */
	static Verdict check(String sql, Set<String> ownedTables, boolean nested) {
		return new OwnerRouting(sql, ownedTables, nested).verdict();
	}

	private Verdict verdict() {
		int start = skipExplain();
		if (start >= this.tokens.size()) {
			return new Verdict(Kind.NO_OWNED_TABLE, List.of());
		}
		Token first = this.tokens.get(start);
		if (first.type != Type.WORD || !DML.contains(first.text)) {
			List<String> named = this.tokens.stream()
				.filter((token) -> token.type == Type.WORD && this.ownedTables.contains(token.text))
				.map(Token::text)
				.distinct()
				.toList();
			return named.isEmpty() ? new Verdict(Kind.NO_OWNED_TABLE, List.of())
					: new Verdict(Kind.UTILITY_ON_OWNED, List.of("names " + String.join(", ", named)));
		}
		parse(start);
		if (this.refs.isEmpty()) {
			return new Verdict(Kind.NO_OWNED_TABLE, List.of());
		}
		Map<String, String> parents = new HashMap<>();
		for (Equality equality : this.equalities) {
			if (equality.counts()) {
				union(parents, equality.left.get(), equality.right.get());
			}
		}
		for (TableRef ref : this.refs) {
			if (ref.insertedOwner != null) {
				union(parents, ref.node(), ref.insertedOwner.get());
			}
		}
		String bound = find(parents, BOUND);
		for (TableRef ref : this.refs) {
			if (!find(parents, ref.node()).equals(bound)) {
				this.problems.add(ref.describe() + " not pinned to one owner");
			}
		}
		return new Verdict(this.problems.isEmpty() ? Kind.ROUTED : Kind.NOT_ROUTED, List.copyOf(this.problems));
	}

	/** EXPLAIN [ANALYZE] ... runs or plans the statement after it: read that one. */
	private int skipExplain() {
		int at = 0;
		if (at < this.tokens.size() && this.tokens.get(at).is("explain")) {
			at++;
			if (at < this.tokens.size() && this.tokens.get(at).type == Type.OPEN) {
				int depth = 0;
				do {
					depth += (this.tokens.get(at).type == Type.OPEN) ? 1
							: (this.tokens.get(at).type == Type.CLOSE) ? -1 : 0;
					at++;
				}
				while (at < this.tokens.size() && depth > 0);
			}
			while (at < this.tokens.size() && this.tokens.get(at).type == Type.WORD
					&& Set.of("analyze", "analyse", "verbose").contains(this.tokens.get(at).text)) {
				at++;
			}
		}
		return at;
	}

	// The walk: one Scope per SELECT/INSERT/UPDATE/DELETE (the statement, each subquery
	// and CTE body, each arm of a UNION), one Group per other parenthesis (an
	// expression, a function's arguments) that belongs to its scope's clause.

	private void parse(int start) {
		Scope scope = new Scope(null);
		List<Frame> stack = new ArrayList<>();
		Group group = null;
		String previous = "";
		for (int i = start; i < this.tokens.size(); i++) {
			Token token = this.tokens.get(i);
			switch (token.type) {
				case OPEN -> {
					Token next = (i + 1 < this.tokens.size()) ? this.tokens.get(i + 1) : null;
					if (next != null && next.type == Type.WORD && DML.contains(next.text)) {
						stack.add(new Frame(scope, group));
						scope = new Scope(scope);
						group = null;
					}
					else {
						stack.add(new Frame(scope, group));
						group = new Group((group != null) ? group : scope.clauseGroup, scope.filteringGroup(group));
					}
				}
				case CLOSE -> {
					if (!stack.isEmpty()) {
						Frame frame = stack.remove(stack.size() - 1);
						scope = frame.scope;
						group = frame.group;
					}
				}
				case WORD -> {
					if (group == null) {
						i = scopeWord(scope, token, previous, i);
						if (SET_OPERATIONS.contains(token.text)) {
							scope = new Scope(scope.parent);
						}
					}
					if (token.is("or")) {
						BooleanContext context = (group != null) ? group : scope.clauseGroup;
						if (context != null) {
							context.markOr();
						}
					}
				}
				case COMMA -> {
					if (group == null && scope.clause.equals("from")) {
						i = tableAfter(scope, i);
					}
				}
				case OP -> {
					if (token.text.equals("=")) {
						BooleanContext context = (group != null) ? group : scope.clauseGroup;
						boolean filtering = (group != null) ? group.filtering : scope.filtering();
						if (group == null && scope.clause.equals("set")) {
							assignment(scope, i);
						}
						else if (filtering && context != null) {
							equality(scope, context, i);
						}
					}
				}
				default -> {
				}
			}
			previous = token.text;
		}
	}

	/** A word at its scope's own level: clause keywords and table references. */
	private int scopeWord(Scope scope, Token token, String previous, int i) {
		switch (token.text) {
			case "select" -> scope.clause("select");
			case "from" -> {
				scope.clause("from");
				return tableAfter(scope, i);
			}
			case "join" -> {
				scope.clause("from");
				return tableAfter(scope, i);
			}
			case "update" -> {
				if (!Set.of("for", "do", "key", "share").contains(previous)) {
					scope.clause("update");
					return tableAfter(scope, i);
				}
				if (previous.equals("do")) {
					scope.clause("conflict");
				}
			}
			case "into" -> {
				scope.clause("into");
				int at = tableAfter(scope, i);
				TableRef target = scope.lastRef;
				if (target != null && target.insertTarget && at + 1 < this.tokens.size()
						&& this.tokens.get(at + 1).type == Type.OPEN) {
					// The column list: which of them is owner_id.
					int depth = 0;
					int column = 0;
					int j = at + 1;
					do {
						Token t = this.tokens.get(j);
						depth += (t.type == Type.OPEN) ? 1 : (t.type == Type.CLOSE) ? -1 : 0;
						if (depth == 1 && t.type == Type.COMMA) {
							column++;
						}
						if (depth == 1 && t.is("owner_id")) {
							target.ownerColumn = column;
						}
						j++;
					}
					while (j < this.tokens.size() && depth > 0);
					if (target.ownerColumn >= 0) {
						target.insertedOwner = insertedOwner(scope, j);
					}
					return j - 1;
				}
				return at;
			}
			case "using" -> {
				if (scope.clause.equals("delete") || scope.clause.equals("from")) {
					return tableAfter(scope, i);
				}
			}
			case "delete" -> scope.clause("delete");
			case "insert" -> scope.clause("insert");
			case "where" -> scope.clause("where");
			case "on" -> {
				Token next = (i + 1 < this.tokens.size()) ? this.tokens.get(i + 1) : null;
				scope.clause((next != null && next.is("conflict")) ? "conflict" : "on");
			}
			case "set" -> scope.clause("set");
			case "group", "order", "limit", "offset", "returning", "having", "window", "fetch", "values" ->
				scope.clause(token.text);
			default -> {
			}
		}
		return i;
	}

	/**
	 * Where the owner_id an INSERT writes comes from, given the index just past its
	 * column list. VALUES: each row goes to the shard of the owner_id it carries (Citus
	 * routes a multi-row INSERT row by row). SELECT: the item in owner_id's place, which
	 * pins the target if it is a parameter or constant (or a function's variable), or the
	 * owner_id of a pinned reference; from anything else (unnest of a list, a transition
	 * table) it may be several owners.
	 */
	private Supplier<String> insertedOwner(Scope scope, int at) {
		while (at < this.tokens.size()
				&& Set.of("overriding", "system", "user", "value").contains(this.tokens.get(at).text)) {
			at++;
		}
		if (at >= this.tokens.size()) {
			return null;
		}
		if (this.tokens.get(at).is("values")) {
			return () -> BOUND;
		}
		if (!this.tokens.get(at).is("select")) {
			return null;
		}
		int column = scope.lastRef.ownerColumn;
		int item = 0;
		int depth = 0;
		int start = at + 1;
		for (int j = at + 1; j < this.tokens.size(); j++) {
			Token t = this.tokens.get(j);
			boolean end = depth == 0
					&& (t.type == Type.COMMA || t.type == Type.CLOSE || t.type == Type.SEMICOLON
							|| t.type == Type.WORD && Set
								.of("from", "where", "returning", "on", "union", "group", "order", "limit", "into")
								.contains(t.text));
			if (end) {
				if (item == column) {
					return itemOwner(scope, this.tokens.subList(start, j));
				}
				if (t.type != Type.COMMA) {
					return null;
				}
				item++;
				start = j + 1;
			}
			depth += (t.type == Type.OPEN) ? 1 : (t.type == Type.CLOSE) ? -1 : 0;
		}
		return (item == column) ? itemOwner(scope, this.tokens.subList(start, this.tokens.size())) : null;
	}

	private Supplier<String> itemOwner(Scope scope, List<Token> item) {
		List<Token> value = item;
		if (value.size() == 6 && value.get(0).is("cast")) {
			value = value.subList(2, 3);
		}
		else if (value.size() == 3 && value.get(1).is("::")) {
			value = value.subList(0, 1);
		}
		if (value.size() == 3 && value.get(0).type == Type.WORD && value.get(1).type == Type.DOT) {
			return qualified(scope, value.get(0).text, value.get(2).text);
		}
		if (value.size() == 1) {
			return value(scope, value.get(0));
		}
		return null;
	}

	/**
	 * A table reference after FROM, JOIN, UPDATE, INTO, USING or a FROM list's comma, if
	 * it names an owned table; returns the index of its last token.
	 */
	private int tableAfter(Scope scope, int i) {
		int at = i + 1;
		if (at < this.tokens.size() && this.tokens.get(at).is("only")) {
			at++;
		}
		if (at + 2 < this.tokens.size() && this.tokens.get(at + 1).type == Type.DOT
				&& this.tokens.get(at).is("public")) {
			at += 2;
		}
		if (at >= this.tokens.size()) {
			return i;
		}
		Token name = this.tokens.get(at);
		Token after = (at + 1 < this.tokens.size()) ? this.tokens.get(at + 1) : null;
		if (name.type != Type.WORD || (after != null
				&& (after.type == Type.DOT || after.type == Type.OPEN && !scope.clause.equals("into")))) {
			return i;
		}
		String alias = name.text;
		int end = at;
		if (after != null && after.is("as") && at + 2 < this.tokens.size()) {
			alias = this.tokens.get(at + 2).text;
			end = at + 2;
		}
		else if (after != null && after.type == Type.WORD && !NOT_ALIASES.contains(after.text)) {
			alias = after.text;
			end = at + 1;
		}
		if (this.ownedTables.contains(name.text)) {
			TableRef ref = new TableRef(this.refs.size(), name.text, alias, scope.clause.equals("into"));
			this.refs.add(ref);
			scope.refs.add(ref);
			scope.lastRef = ref;
		}
		else {
			scope.others.add(alias);
			scope.lastRef = null;
		}
		return end;
	}

	/** {@code owner_id = ...} in an UPDATE's SET: moving a row to another owner. */
	private void assignment(Scope scope, int i) {
		Token target = this.tokens.get(i - 1);
		if (target.is("owner_id") && !scope.refs.isEmpty()) {
			this.problems.add("sets owner_id, the distribution column");
		}
	}

	private void equality(Scope scope, BooleanContext context, int i) {
		Supplier<String> left = operandBefore(scope, i);
		Supplier<String> right = operandAfter(scope, i);
		if (left != null && right != null) {
			this.equalities.add(new Equality(left, right, context));
		}
	}

	// Operands are resolved once the whole statement is read: a subquery in a select list
	// comes before the FROM that names the tables it correlates with.

	private Supplier<String> operandBefore(Scope scope, int i) {
		int at = i - 1;
		// x::bigint = ...
		if (at >= 2 && this.tokens.get(at - 1).is("::")) {
			at -= 2;
		}
		if (at < 0) {
			return null;
		}
		Token token = this.tokens.get(at);
		if (token.type == Type.WORD && at >= 2 && this.tokens.get(at - 1).type == Type.DOT
				&& this.tokens.get(at - 2).type == Type.WORD) {
			return qualified(scope, this.tokens.get(at - 2).text, token.text);
		}
		// CAST(:owner AS bigint) = ...
		if (token.type == Type.CLOSE && at >= 5 && this.tokens.get(at - 5).is("cast")
				&& this.tokens.get(at - 4).type == Type.OPEN) {
			return value(scope, this.tokens.get(at - 3));
		}
		return value(scope, token);
	}

	private Supplier<String> operandAfter(Scope scope, int i) {
		int at = i + 1;
		if (at >= this.tokens.size()) {
			return null;
		}
		Token token = this.tokens.get(at);
		if (token.is("cast") && at + 2 < this.tokens.size() && this.tokens.get(at + 1).type == Type.OPEN) {
			return value(scope, this.tokens.get(at + 2));
		}
		if (token.type == Type.WORD && at + 2 < this.tokens.size() && this.tokens.get(at + 1).type == Type.DOT
				&& this.tokens.get(at + 2).type == Type.WORD) {
			return qualified(scope, token.text, this.tokens.get(at + 2).text);
		}
		if (token.type == Type.WORD && at + 1 < this.tokens.size() && this.tokens.get(at + 1).type == Type.OPEN) {
			// A function's result: any(...), a subquery's: no one owner known here.
			String expression = "expression@" + at;
			return () -> expression;
		}
		return value(scope, token);
	}

	private Supplier<String> value(Scope scope, Token token) {
		return switch (token.type) {
			case PARAM, NUMBER, STRING -> () -> BOUND;
			case WORD -> {
				if (token.is("owner_id")) {
					boolean conflict = scope.conflict;
					yield () -> {
						TableRef ref = scope.unqualifiedOwner(conflict);
						return (ref != null) ? ref.node() : "owner_id?";
					};
				}
				// In a function, a bare name other than owner_id is one of its variables.
				String node = this.nested ? BOUND : "column:" + token.text;
				yield () -> node;
			}
			default -> null;
		};
	}

	private Supplier<String> qualified(Scope scope, String alias, String column) {
		if (this.nested && (alias.equals("new") || alias.equals("old"))) {
			// The row that fired the trigger: one owner.
			return () -> BOUND;
		}
		return () -> {
			TableRef ref = scope.resolve(alias);
			return (ref != null && column.equals("owner_id")) ? ref.node() : "column:" + alias + "." + column;
		};
	}

	private static final String BOUND = "one owner";

	private static String find(Map<String, String> parents, String node) {
		String parent = parents.getOrDefault(node, node);
		if (parent.equals(node)) {
			return node;
		}
		String root = find(parents, parent);
		parents.put(node, root);
		return root;
	}

	private static void union(Map<String, String> parents, String a, String b) {
		String ra = find(parents, a);
		String rb = find(parents, b);
		if (!ra.equals(rb)) {
			parents.put(ra, rb);
		}
	}

	private interface BooleanContext {

		void markOr();

		/** No OR here or in any enclosing expression of the same clause. */
		boolean conjunctive();

	}

	private static final class Group implements BooleanContext {

		private final BooleanContext parent;

		private final boolean filtering;

		private boolean or;

		Group(BooleanContext parent, boolean filtering) {
			this.parent = parent;
			this.filtering = filtering;
		}

		@Override
		public void markOr() {
			this.or = true;
		}

		@Override
		public boolean conjunctive() {
			return !this.or && (this.parent == null || this.parent.conjunctive());
		}

	}

	private static final class ClauseGroup implements BooleanContext {

		private boolean or;

		@Override
		public void markOr() {
			this.or = true;
		}

		@Override
		public boolean conjunctive() {
			return !this.or;
		}

	}

	private record Frame(Scope scope, Group group) {
	}

	private record Equality(Supplier<String> left, Supplier<String> right, BooleanContext context) {

		boolean counts() {
			return this.context.conjunctive();
		}

	}

	private static final class Scope {

		private final Scope parent;

		private final List<TableRef> refs = new ArrayList<>();

		private final List<String> others = new ArrayList<>();

		private String clause = "";

		private ClauseGroup clauseGroup;

		private TableRef lastRef;

		/** Past ON CONFLICT, where an INSERT's target is visible. */
		private boolean conflict;

		Scope(Scope parent) {
			this.parent = parent;
		}

		void clause(String clause) {
			this.clause = clause;
			this.conflict |= clause.equals("conflict");
			// Each WHERE and each join's ON is an expression of its own.
			this.clauseGroup = filtering() ? new ClauseGroup() : null;
		}

		boolean filtering() {
			return this.clause.equals("where") || this.clause.equals("on");
		}

		/** The context a new parenthesis opens in, and whether it filters rows. */
		boolean filteringGroup(Group group) {
			return (group != null) ? group.filtering : filtering();
		}

		TableRef resolve(String alias) {
			for (Scope scope = this; scope != null; scope = scope.parent) {
				for (TableRef ref : scope.refs) {
					if (ref.alias.equals(alias)) {
						return ref;
					}
				}
				if (scope.others.contains(alias)) {
					return null;
				}
			}
			return null;
		}

		/**
		 * The one owned table a bare owner_id names: in this scope if any (an INSERT's
		 * target is not visible to its SELECT), else the nearest enclosing one.
		 */
		TableRef unqualifiedOwner(boolean pastConflict) {
			for (Scope scope = this; scope != null; scope = scope.parent) {
				boolean conflict = (scope == this) ? pastConflict : scope.conflict;
				List<TableRef> visible = scope.refs.stream().filter((ref) -> !ref.insertTarget || conflict).toList();
				if (visible.size() == 1) {
					return visible.get(0);
				}
				if (visible.size() > 1) {
					return null;
				}
			}
			return null;
		}

	}

	private static final class TableRef {

		private final int index;

		private final String table;

		private final String alias;

		private final boolean insertTarget;

		/** Where owner_id stands in an INSERT's column list, or -1. */
		private int ownerColumn = -1;

		/** The owner an INSERT writes, if it names owner_id (see insertedOwner). */
		private Supplier<String> insertedOwner;

		TableRef(int index, String table, String alias, boolean insertTarget) {
			this.index = index;
			this.table = table;
			this.alias = alias;
			this.insertTarget = insertTarget;
		}

		String node() {
			return "ref#" + this.index;
		}

		String describe() {
			String name = this.table.equals(this.alias) ? this.table : this.table + " AS " + this.alias;
			if (!this.insertTarget) {
				return name;
			}
			return "INSERT INTO " + name
					+ ((this.ownerColumn < 0) ? " without owner_id" : " of owner_id from several rows");
		}

	}

	// Tokens

	enum Type {

		WORD, PARAM, NUMBER, STRING, OPEN, CLOSE, COMMA, DOT, SEMICOLON, OP

	}

	record Token(Type type, String text) {

		boolean is(String word) {
			return this.text.equals(word) && (this.type == Type.WORD || this.type == Type.OP);
		}

	}

	static List<Token> tokenize(String sql) {
		List<Token> tokens = new ArrayList<>();
		scan(sql, tokens);
		// OPERATOR(pg_catalog.=), as PostgreSQL's own foreign key checks write it.
		for (int i = 0; i + 5 < tokens.size(); i++) {
			if (tokens.get(i).is("operator") && tokens.get(i + 1).type == Type.OPEN
					&& tokens.get(i + 3).type == Type.DOT && tokens.get(i + 4).type == Type.OP
					&& tokens.get(i + 5).type == Type.CLOSE) {
				Token operator = tokens.get(i + 4);
				tokens.subList(i, i + 6).clear();
				tokens.add(i, operator);
			}
		}
		return tokens;
	}

	private static void scan(String sql, List<Token> tokens) {
		int n = sql.length();
		int i = 0;
		while (i < n) {
			char c = sql.charAt(i);
			if (Character.isWhitespace(c)) {
				i++;
			}
			else if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-') {
				while (i < n && sql.charAt(i) != '\n') {
					i++;
				}
			}
			else if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
				int depth = 0;
				do {
					if (sql.startsWith("/*", i)) {
						depth++;
						i += 2;
					}
					else if (sql.startsWith("*/", i)) {
						depth--;
						i += 2;
					}
					else {
						i++;
					}
				}
				while (i < n && depth > 0);
			}
			else if (c == '\'') {
				i = skipString(sql, i, false);
				tokens.add(new Token(Type.STRING, "'"));
			}
			else if (c == '"') {
				int end = sql.indexOf('"', i + 1);
				end = (end < 0) ? n : end;
				tokens.add(new Token(Type.WORD, sql.substring(i + 1, end)));
				i = end + 1;
			}
			else if (c == '$' && i + 1 < n && Character.isDigit(sql.charAt(i + 1))) {
				int end = i + 1;
				while (end < n && Character.isDigit(sql.charAt(end))) {
					end++;
				}
				tokens.add(new Token(Type.PARAM, sql.substring(i, end)));
				i = end;
			}
			else if (c == '$') {
				int close = sql.indexOf('$', i + 1);
				String tag = (close < 0) ? "$" : sql.substring(i, close + 1);
				int end = sql.indexOf(tag, i + tag.length());
				i = (end < 0) ? n : end + tag.length();
				tokens.add(new Token(Type.STRING, "$"));
			}
			else if (Character.isDigit(c) || (c == '.' && i + 1 < n && Character.isDigit(sql.charAt(i + 1)))) {
				int end = i;
				while (end < n && (Character.isLetterOrDigit(sql.charAt(end)) || sql.charAt(end) == '.')) {
					end++;
				}
				tokens.add(new Token(Type.NUMBER, sql.substring(i, end)));
				i = end;
			}
			else if (Character.isLetter(c) || c == '_') {
				int end = i;
				while (end < n && (Character.isLetterOrDigit(sql.charAt(end)) || sql.charAt(end) == '_'
						|| sql.charAt(end) == '$')) {
					end++;
				}
				String word = sql.substring(i, end).toLowerCase(Locale.ROOT);
				if (end < n && sql.charAt(end) == '\'' && Set.of("e", "b", "x", "n", "u&").contains(word)) {
					i = skipString(sql, end, word.equals("e"));
					tokens.add(new Token(Type.STRING, "'"));
				}
				else {
					tokens.add(new Token(Type.WORD, word));
					i = end;
				}
			}
			else if (c == ':' && i + 1 < n && sql.charAt(i + 1) == ':') {
				tokens.add(new Token(Type.OP, "::"));
				i += 2;
			}
			else if (c == ':' && i + 1 < n && (Character.isLetter(sql.charAt(i + 1)) || sql.charAt(i + 1) == '_')) {
				int end = i + 1;
				while (end < n && (Character.isLetterOrDigit(sql.charAt(end)) || sql.charAt(end) == '_')) {
					end++;
				}
				tokens.add(new Token(Type.PARAM, sql.substring(i, end)));
				i = end;
			}
			else if (c == '?' && (i + 1 >= n || "|&-#".indexOf(sql.charAt(i + 1)) < 0)) {
				tokens.add(new Token(Type.PARAM, "?"));
				i++;
			}
			else if (c == '(') {
				tokens.add(new Token(Type.OPEN, "("));
				i++;
			}
			else if (c == ')') {
				tokens.add(new Token(Type.CLOSE, ")"));
				i++;
			}
			else if (c == ',') {
				tokens.add(new Token(Type.COMMA, ","));
				i++;
			}
			else if (c == '.') {
				tokens.add(new Token(Type.DOT, "."));
				i++;
			}
			else if (c == ';') {
				tokens.add(new Token(Type.SEMICOLON, ";"));
				i++;
			}
			else {
				int end = i;
				while (end < n && "+-*/<>=~!@#%^&|`?[]:".indexOf(sql.charAt(end)) >= 0 && !sql.startsWith("--", end)
						&& !sql.startsWith("/*", end)) {
					end++;
				}
				end = Math.max(end, i + 1);
				tokens.add(new Token(Type.OP, sql.substring(i, end)));
				i = end;
			}
		}
	}

	private static int skipString(String sql, int quote, boolean backslashes) {
		int i = quote + 1;
		while (i < sql.length()) {
			char c = sql.charAt(i);
			if (backslashes && c == '\\') {
				i += 2;
			}
			else if (c == '\'' && i + 1 < sql.length() && sql.charAt(i + 1) == '\'') {
				i += 2;
			}
			else if (c == '\'') {
				return i + 1;
			}
			else {
				i++;
			}
		}
		return i;
	}

}
