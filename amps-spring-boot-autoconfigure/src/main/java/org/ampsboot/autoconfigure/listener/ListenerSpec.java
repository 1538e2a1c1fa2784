package org.ampsboot.autoconfigure.listener;

import java.util.ArrayList;
import java.util.List;

import com.crankuptheamps.client.Command;
import com.crankuptheamps.client.CommandId;

import org.springframework.util.StringUtils;

import org.ampsboot.AmpsListener;
import org.ampsboot.listener.AmpsListenerContainer.PauseBehavior;

/**
 * What one listener subscribes to, from an {@link AmpsListener @AmpsListener} annotation
 * (placeholders resolved) or an endpoint registered at run time.
 */
record ListenerSpec(String id, String client, String topic, String filter, String options, AmpsListener.Kind kind,
		int batchSize, int topN, String bookmark, int maxBacklog, AmpsListener.AckMode ackMode, Boolean autoStartup,
		ListenerDispatch dispatch) {

	/*
	 * autoStartup: null for the default, amps.listener.auto-startup. dispatch: as asked for, defaults
	 * not yet applied (the client's listener containers apply them).
	 */

	boolean isQueue() {
		return this.maxBacklog > 0;
	}

	boolean isBookmark() {
		return StringUtils.hasText(this.bookmark);
	}

	PauseBehavior pauseBehavior() {
		if (isQueue()) {
			return PauseBehavior.QUEUE_UNSUBSCRIBE;
		}
		if (this.kind == AmpsListener.Kind.SOW_AND_SUBSCRIBE || this.kind == AmpsListener.Kind.SOW_AND_DELTA_SUBSCRIBE) {
			return PauseBehavior.REQUERY_ON_RESUME;
		}
		if (isBookmark()) {
			return PauseBehavior.BOOKMARK_PAUSE;
		}
		return PauseBehavior.NOT_SUPPORTED;
	}

	/**
	 * The command that places this subscription. A bookmark subscription's subscription id is
	 * the container id (stable across restarts, which resuming from a bookmark store needs, and
	 * what AMPS's pause and resume name); other kinds get the client's generated ids, since the
	 * client routes every delivery by its subscription id and a short one is cheaper (a 19
	 * character id cost about 75 ns a message in the listener dispatch benchmark).
	 * @param extraOptions options to add ({@code replace}, {@code pause}), or {@code null}
	 * @param placed the subscription this command replaces, or {@code null}
	 */
	Command command(String extraOptions, CommandId placed) {
		Command command = new Command(this.kind.command()).setTopic(this.topic);
		if (isBookmark()) {
			command.setSubId(this.id);
		}
		else if (placed != null) {
			command.setSubId(placed);
		}
		if (StringUtils.hasText(this.filter)) {
			command.setFilter(this.filter);
		}
		List<String> all = new ArrayList<>();
		if (StringUtils.hasText(this.options)) {
			all.add(this.options);
		}
		if (this.maxBacklog > 0) {
			all.add("max_backlog=" + this.maxBacklog);
		}
		if (StringUtils.hasText(extraOptions)) {
			all.add(extraOptions);
		}
		if (!all.isEmpty()) {
			command.setOptions(String.join(",", all));
		}
		if (this.batchSize > 0) {
			command.setBatchSize(this.batchSize);
		}
		if (this.topN > 0) {
			command.setTopN(this.topN);
		}
		if (StringUtils.hasText(this.bookmark)) {
			command.setBookmark(this.bookmark);
		}
		return command;
	}

	ListenerSpec withFilter(String newFilter) {
		return new ListenerSpec(this.id, this.client, this.topic, (newFilter != null) ? newFilter : "", this.options,
				this.kind, this.batchSize, this.topN, this.bookmark, this.maxBacklog, this.ackMode, this.autoStartup,
				this.dispatch);
	}

}
