/*
 * A singly linked list of strings, for repeatable options (-x, -O) and
 * small sets. Appending walks the list: these lists hold a handful of items.
 */
#include "libbb.h"

void llist_add_to_end(llist_t **list, char *data)
{
	llist_t *item = xzalloc(sizeof(*item));

	item->data = data;
	while (*list)
		list = &(*list)->next;
	*list = item;
}

char *llist_pop(llist_t **list)
{
	llist_t *head = *list;
	char *data;

	if (!head)
		return NULL;
	data = head->data;
	*list = head->next;
	free(head);
	return data;
}

unsigned llist_count(const llist_t *list)
{
	unsigned n = 0;

	for (; list; list = list->next)
		n++;
	return n;
}

void llist_free(llist_t *list, void (*free_data)(void *))
{
	while (list) {
		char *data = llist_pop(&list);

		if (free_data)
			free_data(data);
	}
}
